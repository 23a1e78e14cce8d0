"""Checks on model drafts before an agent sees them: the customer's language (and Han variant) and register.
The checks any model text gets (promises, links, secrets, approvals) are the model toolkit's.

A failed check never hides a draft: it adds a "check before sending" flag the panel shows beside it.
"""

from __future__ import annotations

from ..culture.register_check import address_variety, read_register
from ..llm.checks import check_promises, check_unsafe, other_language
from ..seams import LanguageDetector
from .types import DraftContext

__all__ = ["check_language", "check_promises", "check_register", "check_unsafe"]


def check_language(text: str, ctx: DraftContext, detector: LanguageDetector) -> str | None:
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
    if (
        ctx.register == "informal"
        and reading.register == "formal"
        and reading.cue
        and ctx.profile.address.informal
    ):
        return f"Uses the formal '{reading.cue}' where this customer is addressed as '{ctx.profile.address.informal}'."
    return None
