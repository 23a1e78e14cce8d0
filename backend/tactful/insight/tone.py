"""How a customer feels and how urgent their message is: the word tables first (anger, a repeated contact, a
threat, a reported problem, thanks), then the nearest examples of each feeling in embedding space."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

from ..seams import Embedder
from . import cues

_SHOUTING = re.compile(r"\b[A-ZÄÖÜ]{4,}\b")


class ToneIndex:
    """Example messages per feeling; a message takes the feeling of its nearest examples (mean of the best two)."""

    def __init__(self, embedder: Embedder, examples: dict[str, dict[str, list[str]]]) -> None:
        self.labels = sorted(examples)
        texts, owners = [], []
        for i, label in enumerate(self.labels):
            for items in examples[label].values():
                texts.extend(items)
                owners.extend([i] * len(items))
        self.vectors = embedder.embed_documents(texts)
        self.owners = np.asarray(owners, dtype=np.int32)

    def read(self, vector: np.ndarray) -> tuple[str, float]:
        sims = self.vectors @ vector
        scores = [float(np.sort(sims[self.owners == i])[-2:].mean()) for i in range(len(self.labels))]
        order = np.argsort(scores)[::-1]
        return self.labels[order[0]], scores[order[0]] - scores[order[1]]


def load_tone_examples(seed_dir: Path) -> dict[str, dict[str, list[str]]]:
    path = seed_dir / "insight" / "tone.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


TONE_MARGIN = 0.02  # how much closer to one feeling's examples than to the next for the embedding to decide


def sentiment(
    text: str, language: str, problem: bool, felt: tuple[str, float] | None = None
) -> tuple[str, str]:
    anger = cues.find_cue(cues.ANGER, language, text)
    if anger:
        return "negative", f"angry wording ('{anger}')"
    repeat = cues.find_cue(cues.REPEAT_CONTACT, language, text)
    if repeat:
        return "negative", f"had to ask again ('{repeat}')"
    threat = cues.find_cue(cues.THREAT, language, text)
    if threat:
        return "negative", f"threatens to escalate ('{threat}')"
    if _SHOUTING.search(text) or "!!" in text or "！！" in text or "??" in text or "？？" in text:
        return "negative", "shouting or repeated punctuation"
    issue = cues.find_cue(cues.PROBLEM, language, text)
    if issue:
        return "negative", f"reports a problem ('{issue}')"
    positive = cues.find_cue(cues.POSITIVE, language, text)
    if positive:  # "great service as always" reads close to a complaint example; the words say otherwise
        return "positive", f"thanks or praise ('{positive}')"
    if problem:
        return "negative", "reports a problem"
    if felt and felt[0] != "neutral" and felt[1] >= TONE_MARGIN:
        return felt[0], "reads like a complaint" if felt[0] == "negative" else "reads like thanks"
    return "neutral", "no strong feelings expressed"


def conversation_sentiment(
    customer: Sequence[str], language: str, problem: bool, tones: Sequence[tuple[str, float] | None]
) -> tuple[str, str]:
    """The latest message decides, unless it is a bare "ok"/"thanks" after a complaint."""
    if not customer:
        return "neutral", "no customer message"
    last, reason = sentiment(customer[-1], language, problem, tones[-1])
    if last == "negative":
        return last, reason
    earlier = [sentiment(t, language, False) for t in customer[-3:-1]]
    angry_before = next((r for s, r in earlier if s == "negative" and "angry" in r), None)
    if angry_before and last == "neutral":
        return "negative", f"earlier in the conversation: {angry_before}"
    if problem and last != "positive":
        return "negative", "reports a problem"
    return last, reason


def urgency(text: str, language: str, problem: bool, repeated: bool) -> tuple[str, str]:
    threat = cues.find_cue(cues.THREAT, language, text)
    if threat:
        return "high", f"threatens to escalate ('{threat}')"
    urgent = cues.find_cue(cues.URGENT, language, text)
    if urgent:
        return "high", f"says it is urgent ('{urgent}')"
    repeat = cues.find_cue(cues.REPEAT_CONTACT, language, text)
    if repeat:
        return "high", f"had to ask again ('{repeat}')"
    deadline = cues.find_cue(cues.DEADLINE, language, text)
    if deadline and problem:
        return "high", f"a problem with a near date ('{deadline}')"
    if repeated:
        return "high", "several messages without an answer"
    if problem:
        return "medium", "something went wrong"
    if deadline:
        return "medium", f"mentions a near date ('{deadline}')"
    return "low", "a question without a deadline"
