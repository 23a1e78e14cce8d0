"""Checks on model drafts before an agent sees them: language, register, cited sources, unsupported promises.

A failed check never hides a draft: it adds a "check before sending" flag the panel shows beside it.
"""

from __future__ import annotations

import re

from ..culture.register_check import address_variety, read_register
from ..language.detector import TextLanguageDetector
from .types import DraftContext

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


_MONEY_WORDS = re.compile(r"\b(refund|voucher|discount|coupon|gutschein|erstatt\w*|rabatt|rembours\w*|bon d'achat|"
                          r"remise|reembols\w*|cup[oó]n|descuento|cupom|desconto|rimbors\w*|buono|sconto)\b|"
                          r"返金|クーポン|割引|환불|쿠폰|할인|退款|优惠券|優惠券|折價券|折扣", re.IGNORECASE)


def other_language(text: str, expected_tag: str, detector: TextLanguageDetector) -> str | None:
    """The language `text` is clearly written in when that is not `expected_tag`'s language, else None."""
    judged = detector.judge(text)
    if not judged.scores:
        return None
    found = max(judged.scores, key=judged.scores.__getitem__)
    expected = expected_tag.split("-")[0]
    return found if found != expected and judged.scores.get(expected, 0) < 0.2 else None


def check_language(text: str, ctx: DraftContext, detector: TextLanguageDetector) -> str | None:
    found = other_language(text, ctx.language_tag, detector)
    if found:
        return f"This draft looks like '{found}', not the customer's language '{ctx.language_tag}'."
    if ctx.language_tag.split("-")[0] != "zh":
        return None
    judged = detector.judge(text)
    if judged.han_variant and judged.han_variant != ctx.phrasing_language:
        return f"This draft is written in {judged.han_variant} characters; the customer writes {ctx.phrasing_language}."
    return None


def check_register(text: str, ctx: DraftContext) -> str | None:
    reading = read_register(text, address_variety(ctx.language_tag, ctx.profile.locale))
    if ctx.register == "formal" and reading.register == "informal" and reading.cue:
        return f"Uses the informal '{reading.cue}' where the customer should be addressed as '{ctx.profile.address.formal}'."
    if ctx.register == "informal" and reading.register == "formal" and reading.cue and ctx.profile.address.informal:
        return f"Uses the formal '{reading.cue}' where this customer is addressed as '{ctx.profile.address.informal}'."
    return None


def check_promises(text: str, offered_text: str) -> str | None:
    unsupported = _promises(text) - _promises(offered_text)
    if unsupported:
        number, family = sorted(unsupported)[0]
        return f"Promises {number} ({family}), which no offered source states."
    if _MONEY_WORDS.search(text) and not _MONEY_WORDS.search(offered_text):
        return "Mentions a refund, voucher or discount that no offered source supports."
    return None
