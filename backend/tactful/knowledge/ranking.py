"""Which article answers the customer: candidates from the vector index, re-ranked by measured evidence.

Evidence per article, each from the customer's latest message and from their recent messages together
(the latest one weighs more: a new question in the last message is what the agent answers next):
- `q_*`: similarity to the customer questions the article lists (question to question is a much sharper
  match than question to article text);
- `c_*`: similarity to the article's text (the best chunk);
- `lex_*`: the share of the customer's words found in the article's questions (`lexical.py`);
- `intent`: the intent read from the conversation, when the taxonomy links it to the article;
- `entity`: the conversation names something the article is about (a plan, a product).
A logistic model turns the evidence into a probability that the article answers; its weights were fitted
on the development split of `tactful eval answers` (`python -m tactful.evaluation.ranking_fit`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..library.texts import Library
from .embeddings import Embedder
from .ingest import KB_COLLECTION, QUESTIONS_COLLECTION
from .lexical import LexicalIndex
from .vector_index import Hit, VectorIndex

FEATURES = ("q_last", "q_ctx", "c_last", "c_ctx", "lex_last", "lex_ctx", "intent", "entity")
# Fitted on the dev split (see the module docstring); the bias is the first entry.
WEIGHTS = {
    "bias": -9.50,
    "q_last": 2.91,
    "q_ctx": 2.55,
    "c_last": 2.48,
    "c_ctx": 2.47,
    "lex_last": 5.15,
    "lex_ctx": 4.82,
    "intent": 2.59,
    "entity": 0.63,
}
# P(the best article is right) from the best logit, its lead over the runner-up and how close the customer's
# words come to any listed question (a big lead over a weak field is not confidence); fitted with WEIGHTS.
CONFIDENCE = {"bias": 0.98, "top": 0.38, "lead": 0.75, "question": 0.0}  # question: see ranking_fit
TOPICLESS_QUESTION = 0.45  # below the 10th percentile of the right article's question similarity (dev split)
TOPICLESS_WORDS = 0.25  # share of the latest message's words (IDF-weighted) found in an article's questions
_CONTEXT_MESSAGES = 3
_CONTEXT_CHARS = 600
_QUESTION_HITS = 48
_CHUNK_HITS = 16


@dataclass(frozen=True)
class Candidate:
    article_id: str
    probability: float  # that this article answers what the customer asks now
    evidence: dict[str, float] = field(default_factory=dict)
    chunk: str = ""  # the article's passage closest to the conversation

    @property
    def score(self) -> float:
        return self.probability


@dataclass(frozen=True)
class RankingQuery:
    last: str  # the customer's latest message
    context: str  # their recent messages, newest last
    intent_scores: dict[str, float]  # intent id -> score, for the intents read from the conversation
    mentioned: frozenset[str] = frozenset()  # articles whose entities the conversation names
    earlier: RankingQuery | None = None  # the same without the latest message, if there were earlier ones


def ranking_query(
    customer_texts: Sequence[str],
    intent_scores: dict[str, float] | None = None,
    mentioned: set[str] | frozenset[str] = frozenset(),
) -> RankingQuery:
    recent = [t.strip() for t in customer_texts if t.strip()]
    context = "\n".join(recent[-_CONTEXT_MESSAGES:])[-_CONTEXT_CHARS:]
    earlier = ranking_query(recent[:-1], intent_scores, mentioned) if len(recent) > 1 else None
    return RankingQuery(
        recent[-1][-_CONTEXT_CHARS:] if recent else "",
        context,
        dict(intent_scores or {}),
        frozenset(mentioned),
        earlier,
    )


def _best_by_article(hits: list[Hit], known: set[str]) -> dict[str, Hit]:
    best: dict[str, Hit] = {}
    for hit in hits:
        article = str(hit.metadata.get("article_id"))
        if article in known and (article not in best or hit.score > best[article].score):
            best[article] = hit
    return best


class ArticleRanker:
    def __init__(
        self, index: VectorIndex, embedder: Embedder, weights: dict[str, float] | None = None
    ) -> None:
        self.index, self.embedder = index, embedder
        self.weights = dict(weights or WEIGHTS)
        self._lock = threading.Lock()
        self._lexical: tuple[tuple[str, ...], LexicalIndex] | None = None

    def lexical(self, library: Library) -> LexicalIndex:
        key = tuple(sorted(f"{a.id}@{a.version}" for a in library.articles.values()))
        with self._lock:
            if self._lexical is None or self._lexical[0] != key:
                docs = {
                    a.id: [a.title, *(q for qs in a.questions.values() for q in qs)]
                    for a in library.articles.values()
                }
                self._lexical = (key, LexicalIndex(docs))
            return self._lexical[1]

    def evidence(
        self,
        library: Library,
        query: RankingQuery,
        links: dict[str, set[str]],
        vectors: np.ndarray | None = None,
        n_min: int = 3,
    ) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
        """Every article's evidence for this query (`links`: article id -> the intents that link to it), and
        the best-matching chunk of each article the text search found. `vectors` are the embedded latest
        message and context when the caller has them already."""
        known = set(library.articles)
        texts = [query.last] if query.context == query.last else [query.last, query.context]
        if vectors is None:
            vectors = self.embedder.embed_queries(texts)
        q_hits = self.index.query(QUESTIONS_COLLECTION, vectors, _QUESTION_HITS)
        c_hits = self.index.query(KB_COLLECTION, vectors, _CHUNK_HITS)
        q = [_best_by_article(h, known) for h in q_hits]
        c = [_best_by_article(h, known) for h in c_hits]
        # Evidence only for articles something points at (a question or chunk hit, a linked intent, a named
        # entity): the rest of a large KB cannot win and is not scored.
        linked = {a for a, intents in links.items() if intents & query.intent_scores.keys()}
        pointed = set().union(*q, *c) | (linked & known) | (set(query.mentioned) & known)
        if len(pointed) < n_min:
            pointed |= set(sorted(known - pointed)[: n_min - len(pointed)])
        lexical = self.lexical(library)
        lex = [lexical.scores(t, pointed) for t in texts]
        floor_q = [min((h.score for h in part.values()), default=0.0) - 0.05 for part in q]
        floor_c = [min((h.score for h in part.values()), default=0.0) - 0.05 for part in c]
        out: dict[str, dict[str, float]] = {}

        def sim(article: str, found: list[dict[str, Hit]], floors: list[float], i: int) -> float:
            i = min(i, len(found) - 1)
            hit = found[i].get(article)  # not among the hits: a little below the weakest that was
            return hit.score if hit else floors[i]

        for article in pointed:
            out[article] = {
                "q_last": sim(article, q, floor_q, 0),
                "q_ctx": sim(article, q, floor_q, 1),
                "c_last": sim(article, c, floor_c, 0),
                "c_ctx": sim(article, c, floor_c, 1),
                "lex_last": lex[0].get(article, 0.0),
                "lex_ctx": lex[-1].get(article, 0.0),
                "intent": max((query.intent_scores.get(i, 0.0) for i in links.get(article, ())), default=0.0),
                "entity": 1.0 if article in query.mentioned else 0.0,
            }
        if query.earlier and _topicless(out):
            # "That is really annoying!" after the question: the latest message names no topic of its own,
            # so the customer's earlier messages say what they need.
            return self.evidence(library, query.earlier, links, n_min=n_min)
        chunks = {a: h.text for part in reversed(c) for a, h in part.items()}  # the latest message's hit wins
        return out, chunks

    def logit(self, evidence: dict[str, float]) -> float:
        return self.weights["bias"] + sum(self.weights[f] * evidence[f] for f in FEATURES)

    def probability(self, evidence: dict[str, float]) -> float:
        return _sigmoid(self.logit(evidence))

    def rank(
        self,
        library: Library,
        query: RankingQuery,
        links: dict[str, set[str]],
        n: int = 3,
        vectors: np.ndarray | None = None,
    ) -> list[Candidate]:
        if not query.last or not library.articles:
            return []
        evidence, chunks = self.evidence(library, query, links, vectors, n)
        ranked = sorted(evidence, key=lambda a: -self.probability(evidence[a]))[:n]
        return [
            Candidate(
                a,
                round(self.probability(evidence[a]), 4),
                {k: round(v, 4) for k, v in evidence[a].items()},
                chunks.get(a) or library.articles[a].body[:1200],
            )
            for a in ranked
        ]


def _topicless(evidence: dict[str, dict[str, float]]) -> bool:
    """No article shares much wording with the latest message and no listed question comes close to it."""
    return (
        max(e["lex_last"] for e in evidence.values()) < TOPICLESS_WORDS
        and max(e["q_last"] for e in evidence.values()) < TOPICLESS_QUESTION
    )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def confidence_features(probabilities: Sequence[float], best_question: float) -> tuple[float, float, float]:
    """(best logit, its lead over the runner-up's logit, best question similarity), candidates best first."""
    top = _logit(probabilities[0]) if probabilities else -20.0
    second = _logit(probabilities[1]) if len(probabilities) > 1 else -20.0
    return top, top - second, best_question


def answer_confidence(candidates: Sequence[Candidate], weights: dict[str, float] | None = None) -> float:
    """The probability that the best candidate is the article that answers the customer."""
    w = weights or CONFIDENCE
    best_question = max((c.evidence.get("q_last", 0.0) for c in candidates), default=0.0)
    top, lead, question = confidence_features([c.probability for c in candidates], best_question)
    return round(_sigmoid(w["bias"] + w["top"] * top + w["lead"] * lead + w["question"] * question), 4)


def article_links(intents) -> dict[str, set[str]]:
    """Article id -> the intents the taxonomy links to it."""
    links: dict[str, set[str]] = {}
    for intent in intents:
        for article in intent.articles:
            links.setdefault(article, set()).add(intent.id)
    return links


def as_matrix(evidence: list[dict[str, float]]) -> np.ndarray:
    return np.asarray([[e[f] for f in FEATURES] for e in evidence], dtype=np.float64)
