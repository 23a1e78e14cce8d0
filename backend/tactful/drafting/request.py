"""A suggestion request as the pipeline receives it, and what preparing it yields for the drafters."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..privacy.redaction import Redaction
from .types import DraftContext


@dataclass(frozen=True)
class ChatMessage:
    role: str
    text: str
    sent_at: str | None = None


@dataclass(frozen=True)
class SuggestionInput:
    messages: list[ChatMessage]
    conversation_id: str | None = None
    customer_locale: str | None = None
    customer_country: str | None = None
    customer_name: str | None = None
    agent_language: str | None = None
    agent_name: str | None = None
    language_override: str | None = None
    drafts: int = 3


@dataclass
class Timer:
    ms: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[name] = round((time.perf_counter() - start) * 1000, 2)


@dataclass
class Prepared:
    req: SuggestionInput
    token_id: int | None
    messages: list[ChatMessage]  # redacted
    redaction: Redaction
    ctx: DraftContext
    meta: dict[str, Any]  # id, language, culture, stage, KB sources: known before any draft
    timer: Timer
    started: float
