"""Drafting with a language model: budgeted prompt, JSON drafts, checks, and the offline drafter as the
floor under every failure (the agent gets drafts, marked degraded with the reason, never an error)."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from functools import partial

from ..llm.call import CallFailed, ModelCall, failure_reason
from ..llm.client import ProviderBadOutput
from ..seams import Completion, LanguageDetector
from .budget import BuiltPrompt, PromptTooLarge, build_prompt
from .checks import check_language, check_promises, check_register, check_unsafe
from .offline import OfflineDrafter
from .output import DraftTextStream, RawDraft, parse_drafts, parse_insight
from .types import Draft, DraftContext, DraftResult, StreamEvent

log = logging.getLogger(__name__)


class NoPrompt(PromptTooLarge):
    reason = "no published prompt template"


def _schema(ctx: DraftContext) -> dict | None:
    """The answer's JSON schema from the prompt's front matter, for servers that can hold the model to it."""
    return (ctx.prompt.output_schema or None) if ctx.prompt else None


class LLMDrafter:
    def __init__(self, call: ModelCall, offline: OfflineDrafter, detector: LanguageDetector) -> None:
        self.call, self.offline, self.detector = call, offline, detector

    def _prompt(self, ctx: DraftContext) -> BuiltPrompt:
        if ctx.prompt is None:
            raise NoPrompt("no published prompt template")  # handled like any other drafting failure
        return build_prompt(ctx.prompt, ctx, self.call.counter, self.call.window, self.call.max_output)

    async def draft(self, ctx: DraftContext) -> DraftResult:
        started = time.perf_counter()
        prompt = None
        try:
            prompt = self._prompt(ctx)
            answer = await self.call.complete(
                prompt.messages, prompt.prompt_tokens, partial(self._drafts, ctx, prompt), schema=_schema(ctx)
            )
            return self._result(ctx, prompt, answer.value, answer.tokens(), answer.latency_ms)
        except (CallFailed, PromptTooLarge) as e:
            return self._fallback(ctx, e, prompt, started)

    async def stream(self, ctx: DraftContext) -> AsyncIterator[StreamEvent]:
        started = time.perf_counter()
        usage = Completion()
        parser = DraftTextStream()
        prompt = None
        try:
            prompt = self._prompt(ctx)
            async for chunk in self.call.stream(prompt.messages, usage, schema=_schema(ctx)):
                for index, text in parser.feed(chunk):
                    yield StreamEvent("delta", index, text)
            answer = await self.call.parsed(
                usage, prompt.prompt_tokens, partial(self._drafts, ctx, prompt), started
            )
            result = self._result(ctx, prompt, answer.value, answer.tokens(), answer.latency_ms)
        except (CallFailed, PromptTooLarge) as e:
            result = self._fallback(ctx, e, prompt, started)
        except Exception as e:  # noqa: BLE001 - whatever breaks mid-stream, the agent gets drafts and QA a record
            if not isinstance(e, ProviderBadOutput):
                log.exception("streaming drafts failed; offline drafts instead")
            result = self._fallback(ctx, CallFailed(failure_reason(e)[:200]), prompt, started)
        yield StreamEvent("result", result=result)

    def _drafts(self, ctx: DraftContext, prompt: BuiltPrompt, text: str) -> tuple[list[Draft], dict | None]:
        """Parses and checks the model's answer (in a worker thread: the checks cost CPU)."""
        raw = parse_drafts(text)[: ctx.n]
        offered_kb = "\n".join(chunk for _, _, chunk in ctx.kb_chunks[: prompt.kb_used])
        drafts = [self._checked(i, d, ctx, prompt, offered_kb) for i, d in enumerate(raw)]
        return drafts, parse_insight(text, set(ctx.intents)) if ctx.intents else None

    def _result(
        self,
        ctx: DraftContext,
        prompt: BuiltPrompt,
        value: tuple[list[Draft], dict | None],
        tokens: dict[str, int],
        latency_ms: float,
    ) -> DraftResult:
        drafts, insight = value
        log.info(
            "llm drafts: model=%s latency_ms=%.0f prompt_tokens=%s completion_tokens=%s kb=%d turns=%d",
            self.call.name,
            latency_ms,
            tokens.get("prompt"),
            tokens.get("completion"),
            prompt.kb_used,
            prompt.turns_used,
        )
        return DraftResult(
            drafts,
            "llm",
            self.call.name,
            ctx.prompt.version_label if ctx.prompt else "",
            tokens=tokens,
            insight=insight,
        )

    def _checked(
        self, i: int, raw: RawDraft, ctx: DraftContext, prompt: BuiltPrompt, offered_kb: str
    ) -> Draft:
        flags = [
            f
            for f in (
                check_language(raw.text, ctx, self.detector),
                check_register(raw.text, ctx),
                check_promises(raw.text, offered_kb),
            )
            if f
        ] + check_unsafe(raw.text, offered_kb)
        cited = [s for s in raw.source_ids if s in prompt.offered_ids]
        if len(cited) < len(raw.source_ids):
            flags.append("Cited sources that were not offered; they were removed.")
        if not raw.back_translation:
            flags.append("No back-translation was given.")
        answers = next((s for s in cited if s.startswith("kb:")), None)
        label = (
            f"Answer: {ctx.library.articles[answers[3:]].title}"
            if answers and answers[3:] in ctx.library.articles
            else "Model draft"
        )
        return Draft(f"d{i + 1}", label, raw.text, raw.back_translation, ctx.register, cited, flags, answers)

    def _fallback(
        self, ctx: DraftContext, error: Exception, prompt: BuiltPrompt | None, started: float
    ) -> DraftResult:
        reason = failure_reason(error)
        log.warning(
            "llm drafting failed, offline drafts instead: model=%s reason=%s latency_ms=%.0f",
            self.call.name,
            reason,
            (time.perf_counter() - started) * 1000,
        )
        result = self.offline.draft(ctx)
        result.degraded = True
        result.note = f"The model could not draft ({reason}); these are offline template drafts."
        result.tokens = {"prompt_counted": prompt.prompt_tokens} if prompt else {}
        result.model = f"{self.call.name} -> tactful-offline"
        return result
