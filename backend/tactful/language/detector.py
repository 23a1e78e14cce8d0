"""Language of one text: script rules first, then weighted statistical voices inside the expected set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .romanised import read_romanised
from .scripts import SCRIPT_CANDIDATES, judge_script
from .siblings import settle_siblings
from .voices import LanguageVoice

# Languages not written in Latin script: excluded when the text is Latin, whatever a voice says.
_NON_LATIN = {"ru", "uk", "bg", "sr", "mk", "be", "kk", "el", "he", "ar", "fa", "ur", "hi", "th", "ja", "ko",
              "zh", "hy", "ka", "bn", "ta"}  # fmt: skip


@dataclass(frozen=True)
class TextJudgement:
    scores: Mapping[str, float]  # normalised over candidate languages
    basis: str  # "script:hangul", "statistical", ...
    decisive: bool  # the script settled it: length does not matter
    letters: int
    han_variant: str | None = None
    voices: Mapping[str, str] = field(default_factory=dict)


def _normalise(scores: Mapping[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items()} if total > 0 else {}


MAX_JUDGED_CHARS = 4000


class TextLanguageDetector:
    """Judges one text. Cached per text: chat transcripts are re-sent with every suggestion request."""

    def __init__(
        self,
        voices: Iterable[tuple[LanguageVoice, float]],
        expected: Iterable[str],
        cache_size: int = 4096,
    ) -> None:
        self._voices = list(voices)
        self.expected = frozenset(expected)
        self._cached = lru_cache(maxsize=cache_size)(self._judge)

    def judge(self, text: str) -> TextJudgement:
        # A language shows in its first few thousand characters; the voices' cost grows with length (a 5 MB model
        # answer kept one voice busy for minutes), so longer text is judged on its beginning.
        return self._cached(text[:MAX_JUDGED_CHARS])

    def _candidates(self, script: str) -> frozenset[str]:
        if script in SCRIPT_CANDIDATES:
            return frozenset(SCRIPT_CANDIDATES[script] & self.expected) or frozenset(
                SCRIPT_CANDIDATES[script]
            )
        if script == "LATIN":
            return frozenset(self.expected - _NON_LATIN)
        return self.expected

    def _judge(self, text: str) -> TextJudgement:
        from .scripts import han_variant

        verdict = judge_script(text)
        letters = sum(1 for c in text if c.isalpha())
        if verdict.language:
            variant = han_variant(text) if verdict.language == "zh" else None
            return TextJudgement({verdict.language: 1.0}, verdict.basis, True, letters, variant)
        if verdict.script == "NONE":
            return TextJudgement({}, "no letters", False, 0)
        if verdict.script == "LATIN" and (romanised := read_romanised(text)):
            return TextJudgement({romanised.language: 1.0}, f"romanised:{romanised.form}", True, letters)
        candidates = self._candidates(verdict.script)
        combined: dict[str, float] = {}
        tops: dict[str, str] = {}
        for voice, weight in self._voices:
            scores = {k: v for k, v in voice.scores(text).items() if k in candidates}
            scores = _normalise(scores)
            if scores:
                tops[voice.name] = max(scores, key=scores.__getitem__)
            for code, p in scores.items():
                combined[code] = combined.get(code, 0.0) + weight * p
        scores = settle_siblings(text, _normalise(combined))
        return TextJudgement(scores, "statistical", False, letters, None, tops)
