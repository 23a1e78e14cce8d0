"""Facts a customer message states, found without a model in any language: order numbers, amounts, dates, and the
contact details redaction replaced. They make the offline gist an agent reads when they do not read the language.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# Amounts: a number with a currency sign, code or word before or after it.
_CURRENCY = (
    r"(?:€|\$|£|¥|₩|₹|R\$|zł|kr|руб\.?|₽|円|元|원|EUR|USD|GBP|JPY|CNY|KRW|BRL|PLN|SEK|CHF|MXN|TRY|₺|"
    r"euros?|dollars?|dólares|dolares|pesos|reais|złotych|zlotych|rubles?|рублей|рубля)"
)
_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?:{_CURRENCY}\s?(?:{_NUMBER}))|(?:(?:{_NUMBER})\s?{_CURRENCY})(?![A-Za-z])", re.IGNORECASE
)
# Dates: 12.03.2026, 12/03, 2026-03-12, 3月12日, 3월 12일, 12 March (English, German, French, Spanish, ...).
_MONTHS = (
    r"jan\w*|feb\w*|f[ée]v\w*|mar\w*|m[äa]r\w*|apr\w*|avr\w*|abr\w*|ma[iy]\w*|mai|jun\w*|juin|giu\w*|jul\w*|"
    r"juil\w*|lug\w*|aug\w*|ao[uû]t|ago\w*|sep\w*|set\w*|o[ck]t\w*|out\w*|nov\w*|de[cz]\w*|dic\w*|d[ée]c\w*"
)
_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b(?![.,]\d)|\d{1,2}\s?月\s?\d{1,2}\s?日|"
    r"\d{1,2}\s?월\s?\d{1,2}\s?일|\b\d{1,2}\.?\s(?:de\s)?(?:"
    + _MONTHS
    + r")\b|\b(?:"
    + _MONTHS
    + r")\s\d{1,2}\b",
    re.IGNORECASE,
)
# Order numbers: four or more digits (letters and dashes allowed around them), often after a cue word.
_ORDER = re.compile(
    r"(?<![A-Za-z0-9.,/-])#?(?=[A-Z0-9-]*\d{4})[A-Z]{0,4}-?\d[\dA-Z-]{3,}(?![A-Za-z0-9]|[.,/]\d)(?!\s?(?:%|€|\$|£|円|元|원))"
)
_PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|CARD|IBAN)_\d+\]")
# A four-digit number is an order number only after one of these (else it is more likely a year or a count).
_ORDER_CUE = re.compile(
    r"(?:order|bestell|auftrag|commande|pedido|encomenda|ordine|bestelling|zam[óo]wien|заказ|"
    r"sipariş|注文|주문|订单|訂單|单号|單號|n[°º]|nr\.?|no\.?|#)\W{0,3}\w{0,10}\W{0,3}$",
    re.IGNORECASE,
)


@dataclass
class Facts:
    orders: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)  # kinds of details given: email, phone, card, iban

    def as_dict(self) -> dict[str, list[str]]:
        return asdict(self)

    def empty(self) -> bool:
        return not (self.orders or self.amounts or self.dates or self.contact)


def find_facts(text: str) -> Facts:
    facts = Facts()
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    for pattern, bucket in ((_AMOUNT, facts.amounts), (_DATE, facts.dates)):
        for m in pattern.finditer(text):
            if free(m):
                bucket.append(m.group(0).strip())
                taken.append((m.start(), m.end()))
    for m in _ORDER.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        cued = m.group(0).startswith("#") or _ORDER_CUE.search(text[max(0, m.start() - 20) : m.start()])
        if (
            free(m)
            and (digits >= 5 or cued)
            and not _PLACEHOLDER.search(text[max(0, m.start() - 1) : m.end() + 1])
        ):
            facts.orders.append(m.group(0).lstrip("#"))
    facts.contact = sorted({m.group(1).lower() for m in _PLACEHOLDER.finditer(text)})
    return facts
