"""Promises a reply makes (an email, a call back, a refund, a replacement, a voucher, a deadline), and whether
the conversation supports them.

A draft may promise only what the article it cites states, or what the agent already said they would do:
"You will receive a confirmation by email shortly" under an article that sends no email is a promise the
company then breaks. Read on English (each phrase's English meaning, each article's English text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PROMISES = {
    "email": r"\be-?mail",
    "call back": r"get back to you|contact you|be in touch|call you|update you|an update|let you know",
    "refund": r"\brefund",
    "replacement": r"replacement|send you (?:a |the )?new|replace it",
    "voucher": r"voucher for your next|offer you a (?:voucher|discount|coupon)|compensat|goodwill",
    "deadline": r"\b\d+\s*(?:-\s*\d+\s*)?(?:minutes?|hours?|(?:working |business )?days?|weeks?)\b|\bshortly\b",
}


def promises(english: str) -> set[str]:
    """The kinds of action an English text promises."""
    return {kind for kind, pattern in PROMISES.items() if re.search(pattern, english, re.IGNORECASE)}


def supported(english_texts: Iterable[str]) -> set[str]:
    """The kinds of promise these texts (an article, the agent's earlier phrases) back."""
    return promises("\n".join(english_texts))
