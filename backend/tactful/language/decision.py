"""Language of a conversation: the customer's recent messages, weighed by length and recency, plus hints.

A customer who wrote two sentences in German and then "ok" is still writing German. Each message votes with
a weight that grows with its length (a script-settled message votes in full however short), older messages
count less, and the helpdesk's locale for the customer adds a prior that matters most when the text is thin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .detector import TextJudgement, TextLanguageDetector
from .tags import language_of, region_of, to_bcp47

_RECENCY_DECAY = 0.75
_FULL_WEIGHT_LETTERS = 40  # a message this long votes in full
_LOCALE_PRIOR = 0.35
_TRADITIONAL_REGIONS = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class LanguageDecision:
    tag: str  # BCP-47: "de", "pt-BR", "zh-Hant"
    language: str  # base language code: "de", "pt", "zh"
    confidence: float
    basis: list[str]


def _weight(j: TextJudgement, age: int) -> float:
    strength = 1.0 if j.decisive else min(1.0, max(j.letters, 1) / _FULL_WEIGHT_LETTERS)
    return strength * (_RECENCY_DECAY**age)


class ConversationLanguageDecider:
    def __init__(self, detector: TextLanguageDetector, fallback: str = "en", history: int = 6) -> None:
        self.detector = detector
        self.fallback = fallback
        self.history = history

    def decide(
        self,
        customer_texts: Sequence[str],
        locale: str | None = None,
        country: str | None = None,
        override: str | None = None,
    ) -> LanguageDecision:
        if override:
            tag = to_bcp47(override)
            return LanguageDecision(tag, language_of(tag), 1.0, ["override"])
        recent = [t for t in customer_texts if t.strip()][-self.history :]
        judgements = [self.detector.judge(t) for t in recent]
        votes: dict[str, float] = {}
        basis: list[str] = []
        for age, j in enumerate(reversed(judgements)):
            w = _weight(j, age)
            for code, p in j.scores.items():
                votes[code] = votes.get(code, 0.0) + w * p
        if judgements:
            basis.append(judgements[-1].basis)
            basis += sorted(
                {j.basis for j in judgements[:-1] if j.basis.startswith("romanised:")} - set(basis)
            )
            if len(judgements) > 1:
                basis.append(f"history:{len(judgements)} messages")
        hint = language_of(locale) if locale else None
        if hint and (hint in self.detector.expected or hint in votes):
            text_mass = sum(votes.values())
            # The prior fades as the text gives more evidence of its own.
            votes[hint] = votes.get(hint, 0.0) + _LOCALE_PRIOR / (1.0 + text_mass)
            basis.append(f"locale:{locale}")
        if not votes:
            return LanguageDecision(self.fallback, self.fallback, 0.0, ["fallback"])
        total = sum(votes.values())
        best = max(votes, key=votes.__getitem__)
        confidence = round(votes[best] / total, 3)
        tag = self._tag(best, judgements, locale, country, basis)
        return LanguageDecision(tag, best, confidence, basis)

    def _tag(
        self,
        lang: str,
        judgements: list[TextJudgement],
        locale: str | None,
        country: str | None,
        basis: list[str],
    ) -> str:
        region = None
        if locale and language_of(locale) == lang:
            region = region_of(locale)
        region = region or (country.upper() if country else None)
        if lang != "zh":
            return to_bcp47(lang, region=region)
        variants = [j.han_variant for j in judgements if j.han_variant]
        if variants:
            # The latest message that commits to a character set decides.
            return variants[-1]
        if region in _TRADITIONAL_REGIONS:
            basis.append(f"region:{region}")
            return "zh-Hant"
        return "zh-Hans"
