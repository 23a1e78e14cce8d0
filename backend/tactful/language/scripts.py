"""Writing-system rules: many languages are settled by their script alone, however short the text.

Statistical detectors are weakest exactly where chat is: one or two words. A Hangul syllable is Korean and
a kana is Japanese whatever their length, so the script decides first and statistics only break ties
inside a script (Latin, Cyrillic without tell-tale letters).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import hanzidentifier

# Letters that exist in one language of a shared script and not in its neighbours.
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
_PERSIAN_ONLY = set("پچژگکی")  # pe, che, zhe, gaf, keheh, farsi yeh
_ARABIC_ONLY = set("ةيكى")  # teh marbuta, arabic yeh, arabic kaf, alef maksura

# Script -> the single language it implies (for the languages Tactful expects).
_SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "THAI": "th",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "BENGALI": "bn",
    "TAMIL": "ta",
}


@dataclass(frozen=True)
class ScriptVerdict:
    script: str  # dominant script name, e.g. "LATIN", "HAN", "CYRILLIC"
    language: str | None  # a language the script settles, or None when statistics must decide
    basis: str


def _script_of(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if not name:
        return None
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "HAN"
    if name.startswith("HANGUL"):
        return "HANGUL"
    first = name.split(" ")[0]
    if first == "HALFWIDTH" and "KATAKANA" in name:
        return "KATAKANA"
    return first


def script_counts(text: str) -> Counter[str]:
    return Counter(s for s in map(_script_of, text) if s)


# One Han character or Hangul syllable carries about as much as an English word of 3-5 letters, so "我的credit
# card被charge了两次" is Chinese with English loanwords, not English.
_SCRIPT_WEIGHT = {"HAN": 3.0, "HANGUL": 3.0}


def _dominant(counts: Counter[str]) -> str:
    return max(counts, key=lambda s: counts[s] * _SCRIPT_WEIGHT.get(s, 1.0))


def han_variant(text: str) -> str | None:
    """'zh-Hans', 'zh-Hant', or None when the characters are shared by both."""
    kind = hanzidentifier.identify(text)
    if kind == hanzidentifier.SIMPLIFIED:
        return "zh-Hans"
    if kind == hanzidentifier.TRADITIONAL:
        return "zh-Hant"
    if kind == hanzidentifier.MIXED:
        # Mixed text leans to whichever set has more characters of its own.
        simp = sum(
            1 for c in text if hanzidentifier.is_simplified(c) and not hanzidentifier.is_traditional(c)
        )
        trad = sum(
            1 for c in text if hanzidentifier.is_traditional(c) and not hanzidentifier.is_simplified(c)
        )
        if simp != trad:
            return "zh-Hans" if simp > trad else "zh-Hant"
    return None


def judge_script(text: str) -> ScriptVerdict:
    counts = script_counts(text)
    if not counts:
        return ScriptVerdict("NONE", None, "no letters")
    # Any kana means Japanese, even inside mostly-Han text.
    if counts["HIRAGANA"] or counts["KATAKANA"]:
        return ScriptVerdict("KANA", "ja", "script:kana")
    script = _dominant(counts)
    if script in _SCRIPT_LANGUAGE:
        return ScriptVerdict(script, _SCRIPT_LANGUAGE[script], f"script:{script.lower()}")
    if script == "HAN":
        return ScriptVerdict("HAN", "zh", "script:han")
    letters = set(text)
    if script == "CYRILLIC":
        if letters & _UKRAINIAN_ONLY:
            return ScriptVerdict(script, "uk", "script:ukrainian-letters")
        if letters & _RUSSIAN_ONLY:
            return ScriptVerdict(script, "ru", "script:russian-letters")
    if script == "ARABIC":
        if letters & _PERSIAN_ONLY and not letters & _ARABIC_ONLY:
            return ScriptVerdict(script, "fa", "script:persian-letters")
        if letters & _ARABIC_ONLY:
            return ScriptVerdict(script, "ar", "script:arabic-letters")
    return ScriptVerdict(script, None, f"script:{script.lower()}")


# Which languages each ambiguous script can mean; statistics choose among these only.
SCRIPT_CANDIDATES = {
    "CYRILLIC": {"ru", "uk", "bg", "sr", "mk", "be", "kk"},
    "ARABIC": {"ar", "fa", "ur"},
}
