"""The seams: what Tactful needs from the outside world, each a small protocol with the implementation chosen
at start-up (`services.py`) and a real one substituted in tests (a local OpenAI-compatible server, a Chroma on a
temp dir, SQLite). Nothing here imports a Tactful package: every layer may depend on the seams.

    ChatModel        an OpenAI-compatible chat endpoint             llm/client.py
    TokenCounter     tiktoken with the encodings shipped offline    llm/tokens.py
    Embedder         the multilingual sentence encoder(s)           knowledge/embeddings.py
    VectorIndex      Chroma, embedded or a server                   knowledge/vector_index.py
    LanguageDetector short-text language judgement                  language/detector.py
    SuggestionLog    where each suggestion is recorded for QA       records/suggestions.py
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import numpy as np


@dataclass
class Completion:
    """A model's answer: its text and the token counts the server reported (None when it did not)."""

    text: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class ChatModel(Protocol):
    name: str

    async def complete(
        self, messages: list[dict[str, str]], max_tokens: int, schema: dict[str, Any] | None = None
    ) -> Completion: ...

    def stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int,
        usage: Completion,
        schema: dict[str, Any] | None = None,
    ) -> AsyncIterator[str]: ...


class TokenCounter(Protocol):
    def count(self, text: str) -> int: ...
    def encode(self, text: str) -> list[int]: ...
    def decode(self, tokens: list[int]) -> str: ...


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...
    def embed_query(self, text: str) -> np.ndarray: ...
    def embed_queries(self, texts: list[str]) -> np.ndarray: ...  # many queries in one call


@dataclass(frozen=True)
class IndexItem:
    id: str
    text: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    metadata: dict[str, Any]
    score: float  # cosine similarity, 1 is identical


class VectorIndex(Protocol):
    def write(
        self, collection: str, items: Sequence[IndexItem], vectors: np.ndarray, delete: Sequence[str] = ()
    ) -> None: ...

    def query(
        self, collection: str, vectors: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[list[Hit]]: ...

    def ids(self, collection: str) -> set[str]: ...


class Judgement(Protocol):
    @property
    def scores(self) -> Mapping[str, float]: ...  # normalised over the candidate languages

    @property
    def han_variant(self) -> str | None: ...  # "zh-Hans" / "zh-Hant" for Chinese text


class LanguageDetector(Protocol):
    def judge(self, text: str) -> Judgement: ...


@dataclass
class SuggestionEntry:
    """One suggestion as QA will see it: redacted inputs, sources, drafts, drafter and timings. Plain data; the
    log decides how it is stored."""

    id: str
    token_id: int | None
    conversation_id: str | None
    language_tag: str
    culture_profile: str
    drafter_kind: str
    prompt_version: str
    model: str
    degraded: bool
    stage: str
    request: dict[str, Any]
    language: dict[str, Any]
    culture: dict[str, Any]
    sources: list[dict[str, Any]]
    drafts: list[dict[str, Any]]
    timings_ms: dict[str, float]
    redactions: dict[str, int]
    latency_ms: float
    tokens: dict[str, int]
    drafter_note: str
    insight: dict[str, Any] | None
    intent: str
    sentiment: str
    urgency: str
    search_text: str
    state_key: str | None
    created_at: datetime | None = field(default=None)


class SuggestionLog(Protocol):
    def record(self, entry: SuggestionEntry) -> None: ...
