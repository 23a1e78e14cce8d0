"""What a drafter receives and returns; the same for the offline composer and for language models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from ..culture.profiles import CultureProfile
from ..insight.engine import Insight
from ..library.prompts import PromptTemplate
from ..library.texts import Article, Library, Phrase
from .answer_plan import AnswerPlan


@dataclass(frozen=True)
class DraftContext:
    language_tag: str
    phrasing_language: str  # language the phrases are in (may fall back to English)
    agent_language: str
    register: str
    profile: CultureProfile
    stage: str
    customer_texts: list[str]  # redacted
    articles: list[tuple[Article, float]]  # best first
    ranked_phrases: list[Phrase]  # this language's phrases, most relevant first
    names: dict[str, str]  # placeholder -> value ("customer", "agent", "company")
    n: int = 3
    messages: list[tuple[str, str]] = field(default_factory=list)  # (role, redacted text), oldest first
    kb_chunks: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (source id, title, chunk), best first
    library: Library = field(default_factory=Library)  # the content version this suggestion uses
    prompt: PromptTemplate | None = None  # the LLM prompt version this suggestion uses
    insight: Insight | None = None  # intent, sentiment, urgency and complaint step, read offline
    intents: dict[str, str] = field(default_factory=dict)  # the taxonomy: intent id -> English label
    answer: AnswerPlan | None = None  # what the drafts do: answer, ask, hand over, close

    @property
    def given(self) -> frozenset[str]:
        """What the customer already gave (order, email, photo): never asked for again."""
        return self.answer.given if self.answer else frozenset()


@dataclass
class Draft:
    id: str
    label: str
    text: str
    back_translation: str
    register: str
    source_ids: list[str]
    flags: list[str] = field(default_factory=list)
    answers: str | None = None  # the article this draft answers ("kb:<id>"), None when it answers none


@dataclass
class DraftResult:
    drafts: list[Draft]
    kind: str  # "offline" | "llm"
    model: str
    prompt_version: str
    note: str = ""
    degraded: bool = False
    tokens: dict[str, int] = field(default_factory=dict)
    insight: dict[str, str] | None = None  # the model's reading of intent/sentiment/urgency, if it gave one


@dataclass
class StreamEvent:
    kind: str  # "delta" (index, text) or "result" (DraftResult)
    index: int = -1
    text: str = ""
    result: DraftResult | None = None


class Drafter(Protocol):
    """What the suggestion flow drafts with: the model drafter, or the offline one when no model is configured."""

    async def draft(self, ctx: DraftContext) -> DraftResult: ...
    def stream(self, ctx: DraftContext) -> AsyncIterator[StreamEvent]: ...
