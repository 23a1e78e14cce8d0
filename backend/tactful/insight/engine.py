"""Conversation insight without a model: intent, sentiment, urgency and the complaint step.

- Intent: the nearest labelled example in a multilingual embedding space (USE v3 puts "Où est ma commande ?"
  beside "Where is my order?"), per customer message; short follow-ups ("it's 4711") keep the intent before.
- Sentiment: per-language cues for anger (direct and polite forms) and problems, plus the intent: a message
  about a damaged item is negative even when it is phrased calmly.
- Urgency: explicit urgency, threats to escalate, near deadlines on top of a problem, unanswered repeats.
- Complaint step (soothe, verify, resolve, compensate, follow up): which steps the agent's own sentences
  already took, by their nearest phrase in the company's phrasing library, and what comes next.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..knowledge.embeddings import Embedder
from ..library.intents import OTHER, Intent
from ..library.texts import Phrase
from . import tone
from .turns import without_greeting

INTENT_MIN_SCORE = 0.4  # score (see _ExampleIndex.scores) below which a message has no intent of its own
FOLLOW_UP_WORDS = 3  # messages this short ("yes", "order 4711") rarely state a new intent
PROBLEM_MARGIN = 0.05  # an upset customer's message goes to a problem intent this close to the best one
STEP_MIN_SCORE = 0.55  # cosine of an agent sentence to a phrase for it to count as that phrase's step
_MESSAGES = 4  # customer messages classified per request
_AGENT_SENTENCES = 12
COMPLAINT_STEPS = ("soothe", "verify", "resolve", "compensate", "follow_up")
_STEP_OF_STAGE = {
    "apology": "soothe",
    "empathy": "soothe",
    "verification": "verify",
    "resolution": "resolve",
    "compensation": "compensate",
    "follow_up": "follow_up",
    "escalation": "resolve",
}
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_ORDER_NUMBER = re.compile(r"\d{5,}|\[[A-Z_]+_\d+\]|#\s?\d{3,}")


@dataclass(frozen=True)
class MessageInsight:
    intent: str
    score: float
    sentiment: str  # "negative" | "neutral" | "positive"
    urgency: str  # "high" | "medium" | "low"


@dataclass(frozen=True)
class AgentMove:
    sentence: str  # as the agent wrote it (redacted)
    step: str  # complaint step it takes
    phrase: Phrase  # the library phrase it says
    score: float


@dataclass
class Insight:
    intent: str  # what the customer wants now
    intent_label: str  # in the agent's language
    intent_score: float
    problem: bool  # the conversation is about something that went wrong
    problem_intent: str | None  # the latest problem the customer reported, kept while they ask follow-ups
    alternatives: list[dict[str, Any]]
    sentiment: str
    sentiment_reason: str
    urgency: str
    urgency_reason: str
    complaint_step: str | None  # the next step of the complaint process, None when nothing went wrong
    steps_taken: list[str] = field(default_factory=list)
    messages: list[MessageInsight] = field(default_factory=list)  # last customer messages, oldest first
    moves: list[AgentMove] = field(
        default_factory=list
    )  # the agent sentences behind steps_taken (not serialised)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "moves"}
        out["messages"] = [asdict(m) for m in self.messages]
        return out


class _ExampleIndex:
    """The embedded examples of one taxonomy version, rebuilt when any intent changes."""

    def __init__(self, embedder: Embedder, intents: Sequence[Intent]) -> None:
        texts: list[str] = []
        owners: list[int] = []
        for i, intent in enumerate(intents):
            for examples in intent.examples.values():
                texts.extend(examples)
                owners.extend([i] * len(examples))
        self.intents = list(intents)
        self.vectors = embedder.embed_documents(texts)
        self.owners = np.asarray(owners, dtype=np.int32)
        centroids = np.stack([self.vectors[self.owners == i].mean(axis=0) for i in range(len(self.intents))])
        self.centroids = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """(messages, intents): half the best example's similarity, half the intent centroid's. Measured on
        bitext with `tactful eval insight` (top-1 / top-3): nearest example 0.649 / 0.856, centroid 0.661 /
        0.863, both 0.685 / 0.881."""
        sims = vectors @ self.vectors.T
        best = np.full((len(vectors), len(self.intents)), -1.0, dtype=np.float32)
        for i in range(len(self.intents)):
            best[:, i] = sims[:, self.owners == i].max(axis=1)
        return 0.5 * best + 0.5 * (vectors @ self.centroids.T)


class InsightEngine:
    def __init__(
        self, embedder: Embedder, tone_examples: dict[str, dict[str, list[str]]] | None = None
    ) -> None:
        self.embedder = embedder
        self._lock = threading.Lock()
        self._tone = (
            tone.ToneIndex(embedder, tone_examples) if tone_examples and len(tone_examples) > 1 else None
        )
        self._examples: dict[tuple[str, ...], _ExampleIndex] = {}  # keyed by the intents' versions
        self._phrases: dict[tuple[str, ...], tuple[list[Phrase], np.ndarray]] = {}

    # --- intents --------------------------------------------------------------------------------------

    def _index(self, intents: Sequence[Intent]) -> _ExampleIndex | None:
        if not intents:
            return None
        key = tuple(f"{i.id}@{i.version}" for i in intents)
        with self._lock:
            if key not in self._examples:
                self._examples = {
                    key: _ExampleIndex(self.embedder, intents)
                }  # only the current version is kept
            return self._examples[key]

    def rank_intents(self, texts: Sequence[str], intents: Sequence[Intent]) -> list[list[tuple[str, float]]]:
        """Each text's intents, best first, with scores (whole texts only)."""
        vectors = self.embedder.embed_documents(list(texts)) if texts else np.zeros((0, 1))
        return self._rank_with_parts(vectors, vectors[:0], [0] * len(texts), intents)

    def _rank_with_parts(
        self, vectors: np.ndarray, part_vectors: np.ndarray, counts: list[int], intents: Sequence[Intent]
    ) -> list[list[tuple[str, float]]]:
        """Each message's intents, best first: per intent the better of the whole message and its best sentence."""
        index = self._index(intents)
        if index is None or not len(vectors):
            return [[] for _ in range(len(vectors))]
        whole = index.scores(vectors)
        parts = index.scores(part_vectors) if len(part_vectors) else None
        out, at = [], 0
        for row, n in enumerate(counts):
            scores = (
                whole[row]
                if not n or parts is None
                else np.maximum(whole[row], parts[at : at + n].max(axis=0))
            )
            at += n
            out.append([(index.intents[j].id, round(float(scores[j]), 4)) for j in np.argsort(-scores)])
        return out

    # --- the whole picture ----------------------------------------------------------------------------

    def analyse(
        self,
        messages: Sequence[tuple[str, str]],
        language: str,
        intents: Sequence[Intent],
        phrases: Sequence[Phrase],
        agent_language: str = "en",
    ) -> Insight:
        """`messages` are (role, redacted text), oldest first; `phrases` are the library's phrases in the
        customer's language (for the steps the agent took)."""
        by_id = {i.id: i for i in intents}
        customer = [t for r, t in messages if r == "customer" and t.strip()][-_MESSAGES:]
        sentences = _agent_sentences(messages)
        # A long message is also read sentence by sentence: "My order came with the kettle damaged. What can I
        # do?" is about the damage, though the whole reads like a general order question.
        asked = [without_greeting(t) for t in customer]  # a hello in front says nothing about the intent
        parts = [_customer_parts(t) for t in asked]
        flat_parts = [p for ps in parts for p in ps]
        # One embedding call for everything (it is most of the cost).
        texts = asked + flat_parts + sentences
        every = self.embedder.embed_documents(texts) if texts else np.zeros((0, 1))
        vectors = every[: len(customer)]
        part_vectors = every[len(customer) : len(customer) + len(flat_parts)]
        sentence_vectors = every[len(customer) + len(flat_parts) :]
        ranked = self._rank_with_parts(vectors, part_vectors, [len(ps) for ps in parts], intents)
        tones = [self._tone.read(v) if self._tone else None for v in vectors]
        per_message: list[MessageInsight] = []
        current, current_score, alternatives = OTHER, 0.0, []
        for text, ranks, felt in zip(customer, ranked, tones, strict=True):
            if ranks and tone.sentiment(text, language, False, felt)[0] == "negative":
                ranks = _prefer_problems(ranks, by_id)
            best, score = ranks[0] if ranks else (OTHER, 0.0)
            confident = score >= INTENT_MIN_SCORE and not (
                len(text.split()) <= FOLLOW_UP_WORDS and current != OTHER and len(text) < 24
            )
            if confident and not (best == "greeting" and current != OTHER):
                current, current_score = best, score
                alternatives = [{"intent": i, "score": s} for i, s in ranks[1:3]]
            problem = bool(by_id.get(best) and by_id[best].problem and score >= INTENT_MIN_SCORE)
            feeling = tone.sentiment(text, language, problem, felt)[0]
            per_message.append(
                MessageInsight(
                    best if score >= INTENT_MIN_SCORE else OTHER,
                    score,
                    feeling,
                    tone.urgency(text, language, feeling == "negative", False)[0],
                )
            )
        intent = by_id.get(current)
        problem_intent = next(
            (m.intent for m in reversed(per_message) if by_id.get(m.intent) and by_id[m.intent].problem), None
        )
        problem = bool(intent and intent.problem) or problem_intent is not None
        sentiment, s_reason = tone.conversation_sentiment(customer, language, problem, tones)
        unanswered = _unanswered(messages)
        urgency, u_reason = tone.urgency(
            " \n".join(customer[-2:]), language, sentiment == "negative", unanswered >= 3
        )
        moves = self._moves(sentences, sentence_vectors, phrases)
        steps = _steps(moves)
        complaint = problem or sentiment == "negative"
        return Insight(
            intent=current,
            intent_label=intent.label(agent_language) if intent else "Other",
            intent_score=current_score,
            problem=problem,
            problem_intent=problem_intent,
            alternatives=alternatives,
            sentiment=sentiment,
            sentiment_reason=s_reason,
            urgency=urgency,
            urgency_reason=u_reason,
            complaint_step=_next_step(steps, customer, sentiment) if complaint else None,
            steps_taken=steps,
            messages=per_message,
            moves=moves,
        )

    # --- complaint steps ------------------------------------------------------------------------------

    def _phrase_matrix(self, phrases: Sequence[Phrase]) -> tuple[list[Phrase], np.ndarray]:
        usable = [p for p in phrases if p.stage in _STEP_OF_STAGE]
        key = tuple(p.version for p in usable)
        with self._lock:
            if key not in self._phrases:
                if len(self._phrases) > 32:  # one entry per language and content version; old ones go
                    self._phrases.clear()
                texts = [re.sub(r"\{\w+\}", "", p.text) for p in usable]
                self._phrases[key] = (usable, self.embedder.embed_documents(texts))
            return self._phrases[key]

    def agent_moves(self, messages: Sequence[tuple[str, str]], phrases: Sequence[Phrase]) -> list[AgentMove]:
        """The agent's recent sentences that say what a library phrase says (apology, verification, offer ...)."""
        sentences = _agent_sentences(messages)
        return self._moves(
            sentences, self.embedder.embed_documents(sentences) if sentences else None, phrases
        )

    def _moves(
        self, sentences: list[str], vectors: np.ndarray | None, phrases: Sequence[Phrase]
    ) -> list[AgentMove]:
        usable, matrix = self._phrase_matrix(phrases)
        if not sentences or not usable or vectors is None:
            return []
        sims = vectors @ matrix.T
        return [
            AgentMove(sentence, _STEP_OF_STAGE[usable[j].stage], usable[j], round(float(sims[r, j]), 4))
            for r, (sentence, j) in enumerate(zip(sentences, sims.argmax(axis=1), strict=True))
            if sims[r, j] >= STEP_MIN_SCORE
        ]


def split_sentences(text: str, min_chars: int = 4) -> list[str]:
    """Sentences of chat text (Latin and CJK sentence ends, line breaks), at least `min_chars` long."""
    return [p.strip() for p in _SENTENCE.split(text) if len(p.strip()) >= min_chars]


def _customer_parts(text: str) -> list[str]:
    """The sentences of a customer message with two to four of them (fewer: the whole says it all)."""
    parts = split_sentences(text)
    return parts if 2 <= len(parts) <= 4 else []


def _agent_sentences(messages: Sequence[tuple[str, str]]) -> list[str]:
    return [s for r, t in messages if r == "agent" for s in split_sentences(t)][-_AGENT_SENTENCES:]


def _steps(moves: Sequence[AgentMove]) -> list[str]:
    taken = {m.step for m in moves}
    return [s for s in COMPLAINT_STEPS if s in taken]


def _prefer_problems(ranks: list[tuple[str, float]], by_id: dict[str, Intent]) -> list[tuple[str, float]]:
    """ "My parcel is still not here, unacceptable!" sits between tracking and a delivery problem; the anger
    says which. The nearest problem intent within PROBLEM_MARGIN of the best goes first."""
    top = ranks[0][1]
    for i, (intent_id, score) in enumerate(ranks):
        if score < top - PROBLEM_MARGIN:
            break
        if by_id.get(intent_id) and by_id[intent_id].problem:
            return [ranks[i], *ranks[:i], *ranks[i + 1 :]]
    return ranks


def _next_step(taken: list[str], customer: Sequence[str], sentiment: str) -> str:
    done = set(taken)
    if any(_ORDER_NUMBER.search(t) for t in customer):
        done.add("verify")  # the customer already gave what the agent would ask for
    for step in ("soothe", "verify", "resolve"):
        if step not in done:
            return step
    if sentiment == "negative" and "compensate" not in done:
        return "compensate"  # resolved, still unhappy
    return "follow_up"


def _unanswered(messages: Sequence[tuple[str, str]]) -> int:
    count = 0
    for role, _ in reversed(messages):
        if role != "customer":
            break
        count += 1
    return count
