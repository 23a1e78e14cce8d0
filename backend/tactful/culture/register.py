"""Register decision: the profile's default, mirrored to informal when the customer writes informally."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .profiles import CultureProfile, Register
from .register_check import read_register


@dataclass(frozen=True)
class RegisterDecision:
    register: Register
    reason: str


def _uses_any(texts: Sequence[str], cues: list[str]) -> str | None:
    for text in texts:
        lowered = text.lower()
        for cue in cues:
            # Latin cues must be whole words ("du" not in "dumm"); CJK cues match anywhere except as the plural
            # that addresses the company ("你们": you all).
            pattern = rf"\b{re.escape(cue)}\b" if cue.isascii() else re.escape(cue) + "(?![们們])"
            if re.search(pattern, lowered):
                return cue
    return None


def _reads_informal(texts: Sequence[str], language: str) -> str | None:
    for text in texts:
        reading = read_register(text, language, singular_only=True)
        if reading.register == "informal" and reading.cue:
            return reading.cue
    return None


def decide_register(profile: CultureProfile, customer_texts: Sequence[str]) -> RegisterDecision:
    if profile.default_register == "formal" and profile.mirror_informal and profile.address.informal:
        cue = _uses_any(customer_texts, profile.informal_cues) or _reads_informal(
            customer_texts[-3:], profile.language
        )
        if cue:
            return RegisterDecision("informal", f"customer writes informally ('{cue}'); mirrored")
    if profile.default_register == "informal" and profile.mirror_formal and profile.address.formal:
        cue = _uses_any(customer_texts[-3:], profile.formal_cues)
        if cue and not _reads_informal(customer_texts[-3:], profile.language):
            return RegisterDecision("formal", f"customer writes formally ('{cue}'); mirrored")
    if profile.default_register == "informal" and not profile.address.informal:
        return RegisterDecision("formal", "profile has no informal address")
    return RegisterDecision(profile.default_register, f"{profile.locale} default")
