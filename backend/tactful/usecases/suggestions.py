"""The suggestion flow: prepare (redact, language, culture, retrieve, plan) in a worker thread, draft with the
drafter chosen once at start-up (model or offline), record, answer, whole or streamed. Also the agent's own words
composed into a reply on the same prepared context, what the agent did with a suggestion, and reading one back."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from ..drafting.compose import Composer
from ..drafting.pipeline import Prepared, SuggestionInput, SuggestionPipeline
from ..drafting.types import Drafter, StreamEvent
from ..errors import Forbidden, SuggestionNotFound, TactfulError
from ..library.content import ContentState
from ..library.prompts import PromptTemplate
from ..records.events import build_event
from ..records.models import SuggestionEvent, SuggestionRecord
from ..records.suggestions import SuggestionRepository
from .threads import in_thread


class Suggestions:
    def __init__(
        self,
        pipeline: SuggestionPipeline,
        drafter: Drafter,
        composer: Composer,
        records: SuggestionRepository,
        content: ContentState,
    ) -> None:
        self.pipeline, self.drafter, self.composer = pipeline, drafter, composer
        self.records, self.content = records, content

    async def run(self, req: SuggestionInput, token_id: int | None) -> dict[str, Any]:
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        with prepared.timer.stage("draft"):
            result = await self.drafter.draft(prepared.ctx)
        return await in_thread(self.pipeline.finish, prepared, result)

    async def stream(self, req: SuggestionInput, token_id: int | None) -> AsyncIterator[tuple[str, Any]]:
        """(event, data): `meta` at once, `delta` as the model writes each draft, `done` with the whole answer."""
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        yield "meta", prepared.meta
        async for item in self._drafted(prepared, self.drafter.stream(prepared.ctx)):
            yield item

    async def _drafted(
        self, prepared: Prepared, events: AsyncIterator[StreamEvent]
    ) -> AsyncIterator[tuple[str, Any]]:
        """A drafter's stream as (event, data): each `delta`, then `done` with the recorded answer."""
        start, result = time.perf_counter(), None
        async for event in events:
            if event.kind == "delta":
                yield "delta", {"draft": event.index, "text": event.text}
            else:
                result = event.result
        assert result is not None  # every drafter's stream ends with its result
        prepared.timer.ms["draft"] = round((time.perf_counter() - start) * 1000, 2)
        yield "done", await in_thread(self.pipeline.finish, prepared, result)

    async def compose(self, req: SuggestionInput, token_id: int | None, text: str) -> dict[str, Any]:
        """The agent's own words as the reply in the customer's language and culture, recorded like drafts."""
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        template = self.content.current().prompts.get("compose_reply")
        with prepared.timer.stage("draft"):
            own = await in_thread(self.pipeline.redact_text, text, prepared)
            result = await self.composer.compose(prepared.ctx, own, template)
        return await in_thread(self.pipeline.finish, prepared, result)

    def compose_stream(
        self, req: SuggestionInput, token_id: int | None, text: str
    ) -> AsyncIterator[tuple[str, Any]]:
        """(event, data): `meta`, `delta` as the model writes the reply, then `done` (recorded) or `error` (a
        problem). No model or prompt is refused here, before any event, so the route answers 409."""
        template = self.content.current().prompts.get("compose_reply")
        self.composer.ready(template)
        return self._compose_events(req, token_id, text, template)

    async def _compose_events(
        self, req: SuggestionInput, token_id: int | None, text: str, template: PromptTemplate | None
    ) -> AsyncIterator[tuple[str, Any]]:
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        yield "meta", prepared.meta
        # The agent's text is redacted like the conversation: the model never sees the values it holds.
        own = await in_thread(self.pipeline.redact_text, text, prepared)
        try:
            async for item in self._drafted(prepared, self.composer.stream(prepared.ctx, own, template)):
                yield item
        except TactfulError as e:  # the model failed: a problem in the stream, nothing recorded
            yield "error", e.as_problem()

    async def report(
        self,
        suggestion_id: str,
        token_id: int,
        role: str,
        kind: str,
        draft_id: str | None,
        final_text: str | None,
    ) -> SuggestionEvent:
        """What the agent did with a suggestion (inserted, edited with the text sent, dismissed, sent)."""
        record = await in_thread(self.load_own, suggestion_id, token_id, role)
        # The word diff and edit distance cost time on long texts: off the event loop, like the write.
        event = await in_thread(build_event, record, kind, draft_id, final_text, self.pipeline.redact_final)
        return await in_thread(self.records.add_event, event)

    def read(self, suggestion_id: str, token_id: int, role: str) -> dict[str, Any]:
        out = self.records.as_dict(self.load_own(suggestion_id, token_id, role))
        out["events"] = self.records.events_as_dicts(suggestion_id)
        return out

    def unrecorded_drafts(self, req: SuggestionInput) -> list[dict[str, str]]:
        """Offline drafts for a conversation that is not a customer's (practice): nothing is recorded."""
        prepared = self.pipeline.prepare(req)
        result = self.pipeline.offline.draft(prepared.ctx)
        return [{"label": d.label, "text": prepared.redaction.refill(d.text)} for d in result.drafts]

    def load_own(self, suggestion_id: str, token_id: int, role: str) -> SuggestionRecord:
        """The suggestion, if it exists and this token may see it (agents: only their own)."""
        record = self.records.get(suggestion_id)
        if record is None:
            raise SuggestionNotFound(f"No suggestion '{suggestion_id}'.")
        if role == "agent" and record.token_id != token_id:
            raise Forbidden("Agents may only read and report on their own suggestions.")
        return record
