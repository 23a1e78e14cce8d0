"""BCP-47 helpers: the few operations Tactful needs on tags like `pt-BR`, `zh-Hant`, `zh-TW`."""

from __future__ import annotations

import re

_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_SCRIPT_FOR_REGION = {"TW": "Hant", "HK": "Hant", "MO": "Hant", "CN": "Hans", "SG": "Hans"}


def is_valid_tag(tag: str) -> bool:
    return bool(_TAG.match(tag))


def _parts(tag: str) -> list[str]:
    return tag.replace("_", "-").split("-")


def language_of(tag: str) -> str:
    return _parts(tag)[0].lower()


def region_of(tag: str) -> str | None:
    for part in _parts(tag)[1:]:
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return None


def script_of(tag: str) -> str | None:
    for part in _parts(tag)[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    return None


def to_bcp47(tag: str, region: str | None = None) -> str:
    """Canonical case; Chinese always carries its script (zh-TW -> zh-Hant), other languages their region."""
    lang = language_of(tag)
    region = region_of(tag) or region
    if lang == "zh":
        script = script_of(tag) or _SCRIPT_FOR_REGION.get(region or "", "Hans")
        return f"zh-{script}"
    return f"{lang}-{region}" if region else lang


def phrasing_language(tag: str) -> str:
    """The language key phrasing and summaries are written in: `de`, `pt`, `zh-Hans`, `zh-Hant`."""
    lang = language_of(tag)
    if lang == "zh":
        return to_bcp47(tag)
    return lang
