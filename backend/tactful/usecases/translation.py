"""Customer messages in the agent's language: prepared like a suggestion (so placeholders stand for personal
data), translated by the model once per message (cached), filled back in for the agent, and kept on the
suggestion's QA record when the agent translated while looking at it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from ..drafting.pipeline import Prepared, SuggestionInput, SuggestionPipeline
from ..drafting.translate import Translator
from ..errors import TactfulError
from ..library.content import ContentState
from ..library.prompts import PromptTemplate
from .suggestions import Suggestions
from .threads import in_thread

MAX_TRANSLATED = 20  # the latest customer messages translated per request


class Translation:
    def __init__(
        self,
        pipeline: SuggestionPipeline,
        translator: Translator,
        suggestions: Suggestions,
        content: ContentState,
    ) -> None:
        self.pipeline, self.translator, self.suggestions, self.content = (
            pipeline,
            translator,
            suggestions,
            content,
        )

    def _template(self) -> PromptTemplate | None:
        return self.content.current().prompts.get("translate_messages")

    async def run(
        self, req: SuggestionInput, token_id: int, role: str, keep_on: str | None
    ) -> dict[str, Any]:
        """Each customer message in the agent's language. `keep_on` names the suggestion whose QA record keeps the
        translations (redacted, as the model saw them), when it is this agent's."""
        prepared, indexes = await self._prepare(req, token_id)
        ctx = prepared.ctx
        texts = [prepared.messages[i].text for i in indexes]
        done, cached = await self.translator.translate(
            self._template(), texts, ctx.language_tag, ctx.agent_language
        )
        return await self._answer(prepared, indexes, done, cached, token_id, role, keep_on)

    def stream(
        self, req: SuggestionInput, token_id: int, role: str, keep_on: str | None
    ) -> AsyncIterator[tuple[str, Any]]:
        """(event, data): `delta` for each translation as it is written (cached ones at once), then `done` with
        the same answer `run` gives, or `error`. No model is refused before any event (409)."""
        self.translator.ready(self._template())
        return self._events(req, token_id, role, keep_on)

    async def _events(
        self, req: SuggestionInput, token_id: int, role: str, keep_on: str | None
    ) -> AsyncIterator[tuple[str, Any]]:
        prepared, indexes = await self._prepare(req, token_id)
        ctx, first = prepared.ctx, self._first(prepared, indexes)
        texts = [prepared.messages[i].text for i in indexes]
        yield "meta", {"language": ctx.language_tag, "target": ctx.agent_language}
        done, cached = [], 0
        try:
            async for kind, data in self.translator.stream(
                self._template(), texts, ctx.language_tag, ctx.agent_language
            ):
                if kind == "delta":
                    position, text = data
                    yield (
                        "delta",
                        {"index": indexes[position], "customer_index": first + position, "text": text},
                    )
                else:
                    done, cached = data
        except TactfulError as e:
            yield "error", e.as_problem()
            return
        yield "done", await self._answer(prepared, indexes, done, cached, token_id, role, keep_on)

    async def _prepare(self, req: SuggestionInput, token_id: int) -> tuple[Prepared, list[int]]:
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        return prepared, [i for i, m in enumerate(prepared.messages) if m.role == "customer"][
            -MAX_TRANSLATED:
        ]

    @staticmethod
    def _first(prepared: Prepared, indexes: list[int]) -> int:
        """The ordinal, among the customer's messages, of the first one translated."""
        return sum(1 for m in prepared.messages if m.role == "customer") - len(indexes)

    async def _answer(
        self,
        prepared: Prepared,
        indexes: list[int],
        done: list[str],
        cached: int,
        token_id: int,
        role: str,
        keep_on: str | None,
    ) -> dict[str, Any]:
        ctx, first = prepared.ctx, self._first(prepared, indexes)
        if keep_on:
            with contextlib.suppress(TactfulError):  # not theirs or gone: answered all the same, not kept
                await in_thread(self.suggestions.load_own, keep_on, token_id, role)
                kept = [{"customer_index": first + n, "text": t} for n, t in enumerate(done)]
                await in_thread(self.suggestions.records.keep_translations, keep_on, ctx.agent_language, kept)
        refill = prepared.redaction.refill
        return {
            "language": ctx.language_tag,
            "target": ctx.agent_language,
            "cached": cached,
            "translations": [
                {"index": i, "customer_index": first + n, "text": refill(t)}
                for n, (i, t) in enumerate(zip(indexes, done, strict=True))
            ],
        }
