"""Writes labelled.yaml: chat messages in 12 languages carrying PII values in the forms customers really type
(grouped, compact, dotted, dashed, lowercase, full-width, followed by a word or a year) and look-alikes that must
stay (order and tracking numbers, amounts, dates, postcodes, 16-digit numbers that fail Luhn, IBANs with a wrong
check digit). Values are synthetic: IBANs and cards get valid check digits from random bodies, phone numbers are
libphonenumber's example numbers with their last digits varied. Deterministic (seeded); rerun after editing.

    .venv/bin/python benchmarks/data/pii/generate.py
"""

from __future__ import annotations

import random
from pathlib import Path

import phonenumbers
import yaml
from stdnum import iban, luhn

RNG = random.Random(20261202)
WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})

# language -> (region, IBAN country, message templates with {email} {phone} {card} {iban} {other})
LANGS = {
    "en": (
        "GB",
        "GB",
        [
            "Hi, my email is {email} and you can call me on {phone}.",
            "I paid with card {card} and order {other} was charged twice.",
            "Please refund to {iban} Thanks a lot.",
            "Tracking {other} has not moved, reach me at {email}.",
        ],
    ),
    "de": (
        "DE",
        "DE",
        [
            "Meine E-Mail ist {email}, Telefon {phone}.",
            "Bitte auf {iban} Danke schön!",
            "Die Karte {card} wurde doppelt belastet, Bestellung {other}.",
            "Rufen Sie mich an: {phone}. Bestellung {other}.",
        ],
    ),
    "fr": (
        "FR",
        "FR",
        [
            "Mon adresse est {email} et mon numéro {phone}.",
            "Remboursez sur {iban} Merci d'avance.",
            "Carte {card} débitée deux fois, commande {other}.",
            "Commande {other}, écrivez-moi à {email}.",
        ],
    ),
    "es": (
        "ES",
        "ES",
        [
            "Mi correo es {email} y mi móvil {phone}.",
            "Devuélvanme el dinero a {iban} Gracias.",
            "Pagué con la tarjeta {card}, pedido {other}.",
            "El pedido {other} no llega, llamen al {phone}.",
        ],
    ),
    "it": (
        "IT",
        "IT",
        [
            "La mia email è {email}, cellulare {phone}.",
            "Rimborso su {iban} Grazie mille.",
            "Carta {card} addebitata due volte, ordine {other}.",
            "Ordine {other}: scrivetemi a {email}.",
        ],
    ),
    "pt": (
        "BR",
        "PT",
        [
            "Meu e-mail é {email} e telefone {phone}.",
            "Reembolso para {iban} Obrigada.",
            "Paguei com o cartão {card}, pedido {other}.",
            "O pedido {other} não chegou, liguem {phone}.",
        ],
    ),
    "nl": (
        "NL",
        "NL",
        [
            "Mijn e-mail is {email}, bel me op {phone}.",
            "Graag terugstorten op {iban} Bedankt.",
            "Kaart {card} is twee keer belast, bestelling {other}.",
            "Bestelling {other} is er niet, mail {email}.",
        ],
    ),
    "pl": (
        "PL",
        "PL",
        [
            "Mój e-mail to {email}, telefon {phone}.",
            "Proszę o zwrot na {iban} Dziękuję.",
            "Karta {card} została obciążona dwa razy, zamówienie {other}.",
            "Zamówienie {other}, proszę dzwonić {phone}.",
        ],
    ),
    "ru": (
        "RU",
        "DE",
        [
            "Моя почта {email}, телефон {phone}.",
            "Верните деньги на {iban} Спасибо.",
            "Карта {card} списана дважды, заказ {other}.",
            "Заказ {other} не пришёл, пишите на {email}.",
        ],
    ),
    "ja": (
        "JP",
        "DE",
        [
            "メールは{email}です。電話は{phone}です。",
            "カード番号{card}で二重に請求されました。注文{other}。",
            "返金は{iban}にお願いします。",
            "注文番号{other}の荷物が届きません。{email}まで。",
        ],
    ),
    "ko": (
        "KR",
        "DE",
        [
            "제 이메일은 {email}이고 전화번호는 {phone}입니다.",
            "카드 {card}로 두 번 결제됐어요. 주문 {other}.",
            "{iban} 계좌로 환불해 주세요.",
            "주문 {other} 아직 안 왔어요. {email}로 연락 주세요.",
        ],
    ),
    "zh": (
        "CN",
        "DE",
        [
            "我的邮箱是 {email}，手机 {phone}。",
            "用卡 {card} 付款被扣了两次，订单 {other}。",
            "请退款到 {iban} 谢谢。",
            "订单 {other} 还没到，请联系 {email}。",
        ],
    ),
}
NAMES = [
    "anna.schmidt",
    "claire.martin",
    "lucia.garcia",
    "giulia.romano",
    "mariana.souza",
    "joost.devries",
    "kasia.nowak",
    "ivan.petrov",
    "sato.hanako",
    "minji.kim",
    "wang.fang",
    "john.miller",
    "müller.jörg",
    "françois.dupont",
    "josé.núñez",
]
DOMAINS = [
    "example.com",
    "mail.example.de",
    "beispiel.de",
    "exemple.fr",
    "ejemplo.es",
    "esempio.it",
    "exemplo.com.br",
    "voorbeeld.nl",
    "przyklad.pl",
    "bücher.example",
    "xn--bcher-kva.example",
]


def email(lang: str) -> str:
    value = f"{RNG.choice(NAMES)}{RNG.choice(['', str(RNG.randint(1, 99))])}@{RNG.choice(DOMAINS)}"
    if "ü" in value or "é" in value or "ç" in value or "ñ" in value or "ö" in value:
        return value
    return value.translate(WIDE) if lang in ("ja", "zh") and RNG.random() < 0.3 else value


def phone(region: str) -> str:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    for _ in range(50):
        digits = str(example.national_number)
        varied = digits[:-3] + f"{RNG.randint(0, 999):03d}"
        number = phonenumbers.parse(varied, region)
        if phonenumbers.is_valid_number(number):
            break
    fmt = RNG.choice([phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL])
    text = phonenumbers.format_number(number, fmt)
    return text.translate(WIDE) if region in ("JP", "CN") and RNG.random() < 0.3 else text


def card() -> str:
    prefix, length = RNG.choice(
        [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15), ("6011", 16)]
    )
    body = prefix + "".join(str(RNG.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    digits = body + luhn.calc_check_digit(body)
    style = RNG.choice(["space", "compact", "dash", "dot", "space", "year"])
    grouped = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    if style == "compact":
        return digits
    if style == "dash":
        return "-".join(grouped)
    if style == "dot":
        return ".".join(grouped)
    return " ".join(grouped)


IBAN_LENGTHS = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "PT": 25, "NL": 18, "PL": 28}


def an_iban(country: str) -> str:
    length = IBAN_LENGTHS[country]
    for _ in range(1000):
        if country == "GB":
            bban = "".join(RNG.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + "".join(
                str(RNG.randint(0, 9)) for _ in range(14)
            )
        elif country == "NL":
            bban = "".join(RNG.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + "".join(
                str(RNG.randint(0, 9)) for _ in range(10)
            )
        elif country == "IT":
            bban = RNG.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(
                str(RNG.randint(0, 9)) for _ in range(length - 5)
            )
        else:
            bban = "".join(str(RNG.randint(0, 9)) for _ in range(length - 4))
        check = iban.calc_check_digits(country + "00" + bban)
        value = country + check + bban
        if iban.is_valid(value):
            break
    style = RNG.choice(["space", "space", "compact", "lower", "dash"])
    grouped = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return {"space": grouped, "compact": value, "lower": grouped.lower(), "dash": grouped.replace(" ", "-")}[
        style
    ]


def bad_iban(country: str) -> str:
    value = an_iban(country).replace(" ", "").replace("-", "").upper()
    wrong = f"{(int(value[2:4]) + 7) % 97:02d}"
    return value[:2] + wrong + value[4:]


def look_alike() -> str:
    kind = RNG.choice(["order", "tracking", "nonluhn", "date", "amount", "postcode"])
    if kind == "order":
        return f"{RNG.randint(2024, 2026)}-{RNG.randint(10000, 99999)}"
    if kind == "tracking":
        return "1Z" + "".join(RNG.choice("0123456789ABCDEF") for _ in range(16))
    if kind == "nonluhn":
        body = "".join(str(RNG.randint(0, 9)) for _ in range(15))
        return body + str((int(luhn.calc_check_digit(body)) + 1) % 10)
    if kind == "date":
        return f"{RNG.randint(1, 28):02d}.{RNG.randint(1, 12):02d}.2026"
    if kind == "amount":
        return f"{RNG.randint(10, 999)},{RNG.randint(0, 99):02d} €"
    return f"{RNG.randint(10000, 99999)}"


def rows() -> list[dict]:
    out = []
    for lang, (region, iban_country, templates) in LANGS.items():
        for round_ in range(7):
            for template in templates:
                pii, fill = [], {}
                for slot, make in (
                    ("email", lambda lg=lang: email(lg)),
                    ("phone", lambda rg=region: phone(rg)),
                    ("card", card),
                    ("iban", lambda c=iban_country: an_iban(c)),
                ):
                    if "{" + slot + "}" in template:
                        fill[slot] = make()
                        pii.append([slot.upper(), fill[slot]])
                if "{other}" in template:
                    fill["other"] = bad_iban(iban_country) if round_ == 3 else look_alike()
                if "{card}" in template and round_ in (2, 5):  # a card number followed by other digits
                    fill["card"] = fill["card"] + f" {RNG.choice(['2027', '12', '0031'])}"
                out.append({"lang": lang, "region": region, "text": template.format(**fill), "pii": pii})
    return out


if __name__ == "__main__":
    data = rows()
    header = (
        "# Generated by generate.py (seeded): synthetic PII in the forms customers type, and look-alikes that must\n"
        "# stay. Not derived from any evaluation set; nothing here is real.\n"
    )
    Path(__file__).with_name("labelled.yaml").write_text(
        header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    values = sum(len(r["pii"]) for r in data)
    print(f"{len(data)} messages, {values} PII values")
