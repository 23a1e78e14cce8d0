"""One way to call a model, for every feature: render the prompt, fit it into the token budget, call, parse,
check, and fall back. Drafting, compose, translation, handoff summaries and the practice customer all go
through `ModelCall`; what differs between them is the prompt, the parser (which also checks) and the fallback.

A failure of any step (the endpoint, a prompt that does not fit or does not render, an answer that does not
parse or fails its checks) becomes one `CallFailed` with a reason a person can read; `run` hands that reason to
the caller's fallback when there is one, so a feature degrades instead of failing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..library.prompts import PromptError, PromptTemplate
from ..seams import ChatModel, Completion, TokenCounter
from .budget import Messages, PromptTooLarge, available, counted, fit_turns
from .client import ProviderError
from .output import OutputError

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_OUTPUT_CHARS = 60_000  # three drafts with back-translations are a few thousand; more is a runaway model


class CallFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def failure_reason(e: BaseException) -> str:
    if isinstance(e, CallFailed):
        return e.reason
    if isinstance(e, OutputError):
        return f"model output unusable: {e}"
    if isinstance(e, ProviderError | PromptTooLarge):
        return e.reason
    return str(e) or type(e).__name__


FAILURES = (ProviderError, OutputError, PromptTooLarge, PromptError, CallFailed)


@dataclass(frozen=True)
class Answer(Generic[T]):
    value: T
    model: str
    prompt_tokens: int | None = None  # as the server reported them
    completion_tokens: int | None = None
    prompt_counted: int = 0  # as we counted them before the call
    latency_ms: float = 0.0
    degraded: str | None = None  # the reason, when the fallback answered

    def tokens(self) -> dict[str, int]:
        out = {
            "prompt": self.prompt_tokens or self.prompt_counted,
            "completion": self.completion_tokens,
            "prompt_counted": self.prompt_counted,
        }
        return {k: v for k, v in out.items() if v is not None}


class ModelCall:
    """A chat model with its token counter and budget; `run` is the whole routine."""

    def __init__(self, model: ChatModel, counter: TokenCounter, window: int, max_output: int) -> None:
        self.model, self.counter, self.window, self.max_output = model, counter, window, max_output

    @property
    def name(self) -> str:
        return self.model.name

    def budget(self, max_tokens: int | None = None) -> int:
        return available(self.window, max_tokens or self.max_output)

    def fit(
        self,
        template: PromptTemplate,
        values: Mapping[str, Any],
        *,
        turns_key: str | None = None,
        turns: Sequence[str] = (),
        max_tokens: int | None = None,
    ) -> tuple[Messages, int]:
        """The rendered prompt and its token count; with `turns_key`, the oldest turns go first until it fits."""
        budget = self.budget(max_tokens)
        if turns_key:
            return fit_turns(
                lambda convo: template.render({**values, turns_key: convo}), turns, self.counter, budget
            )
        messages = template.render(dict(values))
        used = counted(messages, self.counter)
        if used > budget:
            raise PromptTooLarge(f"the prompt needs {used} tokens, more than the {budget} available")
        return messages, used

    async def run(
        self,
        template: PromptTemplate | None,
        values: Mapping[str, Any],
        parse: Callable[[str], T],
        *,
        turns_key: str | None = None,
        turns: Sequence[str] = (),
        max_tokens: int | None = None,
        fallback: Callable[[str], T] | None = None,
        what: str = "model call",
    ) -> Answer[T]:
        """Render, fit, call, parse (the parser checks too and raises OutputError), or fall back.
        Without a fallback, a failure raises CallFailed."""
        started, used = time.perf_counter(), 0
        try:
            if template is None:
                raise CallFailed(f"no published prompt for the {what}")
            messages, used = self.fit(
                template, values, turns_key=turns_key, turns=turns, max_tokens=max_tokens
            )
            return await self.complete(
                messages, used, parse, schema=template.output_schema or None, max_tokens=max_tokens
            )
        except FAILURES as e:
            reason = failure_reason(e)
        log.warning("%s failed: model=%s reason=%s latency_ms=%.0f", what, self.name, reason, _ms(started))
        if fallback is None:
            raise CallFailed(reason)
        return Answer(
            fallback(reason), self.name, prompt_counted=used, latency_ms=_ms(started), degraded=reason
        )

    async def complete(
        self,
        messages: Messages,
        used: int,
        parse: Callable[[str], T],
        *,
        schema: dict[str, Any] | None,
        max_tokens: int | None = None,
    ) -> Answer[T]:
        """Call with a fitted prompt (`run` fits its own; drafts fit KB excerpts and turns together), parse and
        check; any failure raises CallFailed with its reason."""
        started = time.perf_counter()
        try:
            completion = await self.model.complete(messages, max_tokens or self.max_output, schema)
            return await self.parsed(completion, used, parse, started)
        except FAILURES as e:
            raise CallFailed(failure_reason(e)) from e

    def stream(
        self, messages: Messages, usage: Completion, *, schema: dict[str, Any] | None
    ) -> AsyncIterator[str]:
        """Text as the model writes it; `usage` collects the whole answer for `parsed` once the stream ends."""
        return self.model.stream(messages, self.max_output, usage, schema)

    async def parsed(
        self, completion: Completion, used: int, parse: Callable[[str], T], started: float
    ) -> Answer[T]:
        if len(completion.text) > MAX_OUTPUT_CHARS:
            raise OutputError(
                f"the model answered {len(completion.text)} characters (at most {MAX_OUTPUT_CHARS})"
            )
        value = await asyncio.to_thread(
            parse, completion.text
        )  # parsing and checks cost CPU: off the event loop
        return Answer(
            value,
            self.name,
            completion.prompt_tokens,
            completion.completion_tokens or self.counter.count(completion.text),
            used,
            _ms(started),
        )


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
