"""Language detection for chat text: script rules, weighted voices, conversation history, locale hints."""

from __future__ import annotations

from .decision import ConversationLanguageDecider, LanguageDecision
from .detector import TextLanguageDetector
from .voices import FastTextVoice, LangdetectVoice

# Weights measured on the lingua test set with `tactful eval langid` (see README, "Language detection").
VOICE_WEIGHTS = {"fasttext": 0.6, "langdetect": 0.4}


def build_detector(expected: list[str]) -> TextLanguageDetector:
    voices = [(FastTextVoice(), VOICE_WEIGHTS["fasttext"]), (LangdetectVoice(), VOICE_WEIGHTS["langdetect"])]
    return TextLanguageDetector(voices, expected)


def build_decider(expected: list[str], fallback: str = "en", history: int = 6) -> ConversationLanguageDecider:
    return ConversationLanguageDecider(build_detector(expected), fallback, history)


__all__ = ["ConversationLanguageDecider", "LanguageDecision", "TextLanguageDetector", "build_decider"]
