"""Checks on model drafts before an agent sees them: language, register, cited sources, unsupported promises.

A failed check never hides a draft: it adds a "check before sending" flag the panel shows beside it.
"""

from __future__ import annotations

import re

from ..culture.register_check import read_register
from ..language.detector import TextLanguageDetector
from .types import DraftContext

# Numbers that promise something: amounts, percentages, day or hour counts, in the profiled languages.
_PROMISE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:€|eur|euro|\$|usd|£|%|円|元|원|days?|tage?n?|jours?|d[ií]as|giorni|dias|日|天|일|"
    r"hours?|stunden|heures|horas|ore|時間|小时|小時|시간)", re.IGNORECASE)
_MONEY_WORDS = re.compile(r"\b(refund|voucher|discount|coupon|gutschein|erstatt\w*|rabatt|rembours\w*|bon d'achat|"
                          r"remise|reembols\w*|cup[oó]n|descuento|cupom|desconto|rimbors\w*|buono|sconto)\b|"
                          r"返金|クーポン|割引|환불|쿠폰|할인|退款|优惠券|優惠券|折價券|折扣", re.IGNORECASE)


def check_language(text: str, ctx: DraftContext, detector: TextLanguageDetector) -> str | None:
    judged = detector.judge(text)
    if not judged.scores:
        return None
    found = max(judged.scores, key=judged.scores.__getitem__)
    expected = ctx.language_tag.split("-")[0]
    if found != expected and judged.scores.get(expected, 0) < 0.2:
        return f"This draft looks like '{found}', not the customer's language '{ctx.language_tag}'."
    if expected == "zh" and judged.han_variant and judged.han_variant != ctx.phrasing_language:
        return f"This draft is written in {judged.han_variant} characters; the customer writes {ctx.phrasing_language}."
    return None


def check_register(text: str, ctx: DraftContext) -> str | None:
    reading = read_register(text, ctx.language_tag)
    if ctx.register == "formal" and reading.register == "informal" and reading.cue:
        return f"Uses the informal '{reading.cue}' where the customer should be addressed as '{ctx.profile.address.formal}'."
    if ctx.register == "informal" and reading.register == "formal" and reading.cue and ctx.profile.address.informal:
        return f"Uses the formal '{reading.cue}' where this customer is addressed as '{ctx.profile.address.informal}'."
    return None


def check_promises(text: str, offered_text: str) -> str | None:
    for m in _PROMISE.finditer(text):
        if m.group(1) not in offered_text:
            return f"Promises '{m.group(0)}', which no offered source states."
    if _MONEY_WORDS.search(text) and not _MONEY_WORDS.search(offered_text):
        return "Mentions a refund, voucher or discount that no offered source supports."
    return None
