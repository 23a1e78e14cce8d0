"""Checks on what a model wrote, shared by every feature: the language it is in, numbers and money it promises
that nothing supports, links, requests for secrets and announced approvals. A failed check never hides text:
it becomes a flag for the agent, or the reason a feature falls back.
"""

from __future__ import annotations

import re

from ..seams import LanguageDetector

# Numbers that promise something, with their unit family, in the profiled languages. A draft's promise is
# supported when an offered source states the same number with the same kind of unit (in any language).
_UNITS = {
    "day": r"(?:working\s+|business\s+)?(?:days?|werktag\w*|tage?n?|jours?(?:\s+ouvrés)?|d[ií]as(?:\s+(?:laborables|úteis))?|"
    r"giorni(?:\s+lavorativi)?|営業日|日|天|工作天|个工作日|個工作天|영업일|일)",
    "hour": r"(?:hours?|stunden?|heures?|horas?|ore|ora|時間|小时|小時|시간)",
    "money": r"(?:€|eur\b|euros?|\$|usd|£|円|元|원|r\$)",
    "percent": r"%",
}
_NUMBER = r"(\d+(?:[.,]\d+)?)"


def _promises(text: str) -> set[tuple[str, str]]:
    found = set()
    for family, unit in _UNITS.items():
        for m in re.finditer(rf"{_NUMBER}\s*{unit}", text, re.IGNORECASE):
            found.add((m.group(1).replace(",", "."), family))
        if family == "money":  # "€50", "$ 12"
            for m in re.finditer(rf"{unit}\s*{_NUMBER}", text, re.IGNORECASE):
                found.add((m.group(1).replace(",", "."), family))
    return found


_MONEY_WORDS = re.compile(
    r"\b(refund|voucher|discount|coupon|gutschein|erstatt\w*|rabatt|rembours\w*|bon d'achat|"
    r"remise|reembols\w*|cup[oó]n|descuento|cupom|desconto|rimbors\w*|buono|sconto)\b|"
    r"返金|クーポン|割引|환불|쿠폰|할인|退款|优惠券|優惠券|折價券|折扣",
    re.IGNORECASE,
)


def other_language(text: str, expected_tag: str, detector: LanguageDetector) -> str | None:
    """The language `text` is clearly written in when that is not `expected_tag`'s language, else None."""
    judged = detector.judge(text)
    if not judged.scores:
        return None
    found = max(judged.scores, key=judged.scores.__getitem__)
    expected = expected_tag.split("-")[0]
    return found if found != expected and judged.scores.get(expected, 0) < 0.2 else None


def check_promises(text: str, offered_text: str) -> str | None:
    unsupported = _promises(text) - _promises(offered_text)
    if unsupported:
        number, family = sorted(unsupported)[0]
        return f"Promises {number} ({family}), which no offered source states."
    if _MONEY_WORDS.search(text) and not _MONEY_WORDS.search(offered_text):
        return "Mentions a refund, voucher or discount that no offered source supports."
    return None


# What a draft must never do on its own, whatever the customer's message (or an instruction hidden in it) asked:
# send a link no source gives, ask for card data or credentials, or announce an approval no source states.
_LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')]+|\b[a-z0-9-]+\.(?:com|net|org|io|ru|cn|xyz|top|info|biz|co)"
    r"(?:/[^\s<>\"')]*)?\b",
    re.IGNORECASE,
)
_SECRETS = re.compile(
    r"\b(?:card\s*number|credit\s*card\s*(?:number|details)|cvv2?|cvc2?|cid|security\s*code|expiry\s*date|"
    r"password|passcode|pin(?:\s*code)?|one[-\s]time\s*code|otp|"
    r"karten\w*nummer|kreditkarten\w*|prüf\w*(?:ziffer|nummer)|sicherheits\w*code|passwort|kennwort|geheimzahl|tan\b|"
    r"num[ée]ro\s+de\s+(?:la\s+)?carte|cryptogramme|code\s+de\s+s[ée]curit[ée]|mot\s+de\s+passe|code\s+secret|"
    r"n[úu]mero\s+de\s+(?:la\s+)?tarjeta|c[óo]digo\s+de\s+seguridad|contrase[ñn]a|clave\s+(?:secreta|de\s+acceso)|"
    r"n[úu]mero\s+do\s+cart[ãa]o|c[óo]digo\s+de\s+seguran[çc]a|senha|"
    r"numero\s+della\s+carta|codice\s+di\s+sicurezza|codice\s+segreto)\b|"
    r"カード番号|セキュリティコード|暗証番号|パスワード|"
    r"카드\s*번호|보안\s*코드|비밀번호|"
    r"卡号|卡號|安全码|安全碼|验证码|驗證碼|密码|密碼",
    re.IGNORECASE,
)
_APPROVED = re.compile(
    r"\b(?:refund|reimbursement|claim|compensation|return)\w*\s+(?:has\s+been|was|is)\s+(?:approved|granted|accepted)|"
    r"\b(?:approved|granted)\s+(?:your\s+)?(?:refund|reimbursement|claim)|"
    r"(?:erstattung|rückzahlung|gutschrift|entschädigung|reklamation|antrag)\w*\s+(?:\w+\s+){0,3}"
    r"(?:genehmigt|bewilligt|freigegeben|angenommen)|"
    r"rembours\w*\s+(?:\w+\s+){0,3}(?:approuv|accept|valid)\w*|"
    r"reembols\w*\s+(?:\w+\s+){0,3}(?:aprobad|aceptad|autorizad|aprovad)\w*|"
    r"rimbors\w*\s+(?:\w+\s+){0,3}(?:approvat|accettat|autorizzat)\w*|"
    r"返金(?:が|は)?(?:承認|許可|確定)|환불(?:이|은)?\s*(?:승인|허가|확정)|退款(?:已|已经|已經)?(?:批准|获批|獲批|核准|通过|通過)",
    re.IGNORECASE,
)


def check_unsafe(text: str, offered_text: str) -> list[str]:
    """Flags for links no offered source gives, requests for card data or credentials, and announced approvals,
    in the profiled languages."""
    flags = []
    offered_links = {m.group(0).lower().rstrip(".,;") for m in _LINK.finditer(offered_text)}
    links = {m.group(0).lower().rstrip(".,;") for m in _LINK.finditer(text)} - offered_links
    if links:
        flags.append(f"Contains a link no offered source gives ({sorted(links)[0][:60]}).")
    secret = _SECRETS.search(text)
    if secret:
        flags.append(f"Mentions '{secret.group(0)}': never ask for card data, codes or passwords in chat.")
    approved = _APPROVED.search(text)
    if approved:  # a KB article states policy, never that this customer's claim was approved
        flags.append(f"Announces an approval ('{approved.group(0)[:50]}'): only the agent can confirm one.")
    return flags
