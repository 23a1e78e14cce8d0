"""Compose: the agent writes what they want to say in their own language; a model turns it into the reply in
the customer's language with the culture profile applied (form of address, apology order, greeting and closing
norms), with a back-translation and the same checks as drafts. Recorded like a suggestion, so QA sees it."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from ..errors import Conflict
from ..library.prompts import PromptTemplate
from ..llm.budget import turn
from ..llm.call import FAILURES, Answer, CallFailed, ModelCall, failure_reason
from ..llm.output import json_object
from ..seams import Completion, LanguageDetector
from .budget import culture_block
from .checks import check_language, check_promises, check_register, check_unsafe
from .output import DraftTextStream
from .types import Draft, DraftContext, DraftResult, StreamEvent

MAX_TURNS, MAX_TURN_CHARS = (
    10,
    600,
)  # enough context for tone and facts; the agent's own words carry the content


class ComposeUnavailable(Conflict):
    code, title = "model-required", "Compose needs a model"


class Composer:
    def __init__(self, call: ModelCall | None, detector: LanguageDetector) -> None:
        self.call, self.detector = call, detector

    def ready(self, template: PromptTemplate | None) -> tuple[ModelCall, PromptTemplate]:
        """The model and the prompt compose needs, or the problem that says which is missing. There is no offline
        way to translate free text, and a wrong reply in a language the agent cannot read is worse than none."""
        if self.call is None:
            raise ComposeUnavailable(
                "Compose needs a language model endpoint (TACTFUL_LLM__BASE_URL or an API key)."
            )
        if template is None:
            raise ComposeUnavailable("No published compose_reply prompt template.")
        return self.call, template

    async def compose(
        self, ctx: DraftContext, agent_text: str, template: PromptTemplate | None
    ) -> DraftResult:
        """One reply written from the agent's words; a model failure is a clear problem, never a guess."""
        call, template = self.ready(template)
        values, turns = self._values(ctx, agent_text)
        try:
            answer = await call.run(
                template,
                values,
                lambda text: self._checked(text, ctx, agent_text),
                turns_key="conversation",
                turns=turns,
                what="compose",
            )
        except CallFailed as e:
            raise ComposeUnavailable(f"The model could not compose a reply ({e.reason}).") from e
        return self._result(answer, call, template)

    async def stream(
        self, ctx: DraftContext, agent_text: str, template: PromptTemplate | None
    ) -> AsyncIterator[StreamEvent]:
        """The reply's text as the model writes it, then the checked result; a failure raises ComposeUnavailable."""
        call, template = self.ready(template)
        values, turns = self._values(ctx, agent_text)
        started, usage, parser = time.perf_counter(), Completion(), DraftTextStream()
        try:
            messages, used = call.fit(template, values, turns_key="conversation", turns=turns)
            async for chunk in call.stream(messages, usage, schema=template.output_schema or None):
                for _, text in parser.feed(chunk):
                    yield StreamEvent("delta", 0, text)
            answer = await call.parsed(
                usage, used, lambda text: self._checked(text, ctx, agent_text), started
            )
        except FAILURES as e:
            raise ComposeUnavailable(f"The model could not compose a reply ({failure_reason(e)}).") from e
        yield StreamEvent("result", result=self._result(answer, call, template))

    @staticmethod
    def _values(ctx: DraftContext, agent_text: str) -> tuple[dict[str, str], list[str]]:
        address = ctx.profile.address.formal if ctx.register == "formal" else ctx.profile.address.informal
        values = {
            "company": ctx.names.get("company", ""),
            "language": ctx.language_tag,
            "agent_language": ctx.agent_language,
            "register": ctx.register,
            "address": address or "",
            "culture": culture_block(ctx),
            "agent_text": agent_text,
        }
        return values, [turn(r, t[:MAX_TURN_CHARS]) for r, t in ctx.messages[-MAX_TURNS:]]

    @staticmethod
    def _result(answer: Answer[Draft], call: ModelCall, template: PromptTemplate) -> DraftResult:
        tokens = {
            "prompt": answer.prompt_tokens or answer.prompt_counted,
            "completion": answer.completion_tokens or 0,
        }
        result = DraftResult([answer.value], "llm", call.name, template.version_label, tokens=tokens)
        result.note = f"Composed from the agent's words in {answer.latency_ms:.0f} ms."
        return result

    def _checked(self, answer: str, ctx: DraftContext, agent_text: str) -> Draft:
        data = json_object(answer, "text")
        text, back = str(data["text"]).strip(), str(data.get("back_translation") or "").strip()
        # The agent's own words are the support for promises and amounts: nothing beyond them may appear.
        flags = [
            f
            for f in (
                check_language(text, ctx, self.detector),
                check_register(text, ctx),
                check_promises(text, agent_text),
            )
            if f
        ] + check_unsafe(text, agent_text)
        if not back:
            flags.append("No back-translation was given.")
        return Draft("d1", "Composed from your words", text, back, ctx.register, [], flags, None)
