"""Drafting with a language model: budgeted prompt, JSON drafts, checks, and the offline drafter as the
floor under every failure (the agent gets drafts, marked degraded with the reason, never an error)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from ..knowledge.tokens import TiktokenCounter
from ..language.detector import TextLanguageDetector
from .budget import BuiltPrompt, PromptTooLarge, build_prompt, encoding_for_model
from .checks import check_language, check_promises, check_register, check_unsafe
from .llm import ChatModel, Completion, ProviderBadOutput, ProviderError
from .offline import OfflineDrafter
from .output import DraftTextStream, OutputError, RawDraft, parse_drafts, parse_insight
from .types import Draft, DraftContext, DraftResult

log = logging.getLogger(__name__)
MAX_OUTPUT_CHARS = 60_000


def _schema(ctx: DraftContext) -> dict | None:
    """The answer's JSON schema from the prompt's front matter, for servers that can hold the model to it."""
    return (ctx.prompt.output_schema or None) if ctx.prompt else None  # three drafts with back-translations are a few thousand; more is a runaway model


class NoPrompt(PromptTooLarge):
    reason = "no published prompt template"


@dataclass
class StreamEvent:
    kind: str  # "delta" (index, text) or "result" (DraftResult)
    index: int = -1
    text: str = ""
    result: DraftResult | None = None


class LLMDrafter:
    def __init__(self, model: ChatModel, offline: OfflineDrafter, detector: TextLanguageDetector,
                 context_window: int, max_output: int, cache_dir: str | None = None) -> None:
        self.model, self.offline, self.detector = model, offline, detector
        self.window, self.max_output = context_window, max_output
        self.counter = TiktokenCounter(encoding_for_model(model.name), cache_dir)

    def _prompt(self, ctx: DraftContext) -> BuiltPrompt:
        if ctx.prompt is None:
            raise NoPrompt("no published prompt template")  # handled like any other drafting failure
        return build_prompt(ctx.prompt, ctx, self.counter, self.window, self.max_output)

    async def draft(self, ctx: DraftContext) -> DraftResult:
        started = time.perf_counter()
        prompt = None
        try:
            prompt = self._prompt(ctx)
            completion = await self.model.complete(prompt.messages, self.max_output, _schema(ctx))
            return await asyncio.to_thread(self._result, ctx, prompt, completion, started)  # checks cost CPU
        except (ProviderError, OutputError, PromptTooLarge) as e:
            return self._fallback(ctx, e, prompt, started)

    async def stream(self, ctx: DraftContext) -> AsyncIterator[StreamEvent]:
        started = time.perf_counter()
        usage = Completion()
        parser = DraftTextStream()
        prompt = None
        try:
            prompt = self._prompt(ctx)
            async for chunk in self.model.stream(prompt.messages, self.max_output, usage, _schema(ctx)):
                for index, text in parser.feed(chunk):
                    yield StreamEvent("delta", index, text)
            result = await asyncio.to_thread(self._result, ctx, prompt, usage, started)
        except (ProviderError, OutputError, PromptTooLarge) as e:
            result = self._fallback(ctx, e, prompt, started)
        except Exception as e:  # noqa: BLE001 - whatever breaks mid-stream, the agent gets drafts and QA a record
            log.exception("streaming drafts failed; offline drafts instead")
            result = self._fallback(ctx, ProviderBadOutput(str(e)[:200]), prompt, started)
        yield StreamEvent("result", result=result)

    def _result(self, ctx: DraftContext, prompt: BuiltPrompt, completion: Completion, started: float) -> DraftResult:
        if len(completion.text) > MAX_OUTPUT_CHARS:
            raise OutputError(f"the model answered {len(completion.text)} characters (at most {MAX_OUTPUT_CHARS})")
        raw = parse_drafts(completion.text)[: ctx.n]
        offered_kb = "\n".join(text for _, _, text in ctx.kb_chunks[: prompt.kb_used])
        drafts = [self._checked(i, d, ctx, prompt, offered_kb) for i, d in enumerate(raw)]
        tokens = {"prompt": completion.prompt_tokens or prompt.prompt_tokens,
                  "completion": completion.completion_tokens or self.counter.count(completion.text),
                  "prompt_counted": prompt.prompt_tokens}
        log.info("llm drafts: model=%s latency_ms=%.0f prompt_tokens=%s completion_tokens=%s kb=%d turns=%d",
                 self.model.name, (time.perf_counter() - started) * 1000, tokens["prompt"], tokens["completion"],
                 prompt.kb_used, prompt.turns_used)
        return DraftResult(drafts, "llm", self.model.name, ctx.prompt.version_label if ctx.prompt else "", tokens=tokens,
                           insight=parse_insight(completion.text, set(ctx.intents)) if ctx.intents else None)

    def _checked(self, i: int, raw: RawDraft, ctx: DraftContext, prompt: BuiltPrompt, offered_kb: str) -> Draft:
        flags = [f for f in (check_language(raw.text, ctx, self.detector), check_register(raw.text, ctx),
                             check_promises(raw.text, offered_kb)) if f] + check_unsafe(raw.text, offered_kb)
        cited = [s for s in raw.source_ids if s in prompt.offered_ids]
        if len(cited) < len(raw.source_ids):
            flags.append("Cited sources that were not offered; they were removed.")
        if not raw.back_translation:
            flags.append("No back-translation was given.")
        answers = next((s for s in cited if s.startswith("kb:")), None)
        label = f"Answer: {ctx.library.articles[answers[3:]].title}" if answers and answers[3:] in ctx.library.articles \
            else "Model draft"
        return Draft(f"d{i + 1}", label, raw.text, raw.back_translation, ctx.register, cited, flags, answers)

    def _fallback(self, ctx: DraftContext, error: Exception, prompt: BuiltPrompt | None, started: float) -> DraftResult:
        reason = getattr(error, "reason", None) or ProviderBadOutput.reason
        log.warning("llm drafting failed, offline drafts instead: model=%s reason=%s latency_ms=%.0f",
                    self.model.name, reason, (time.perf_counter() - started) * 1000)
        result = self.offline.draft(ctx)
        result.degraded = True
        result.note = f"The model could not draft ({reason}); these are offline template drafts."
        result.tokens = {"prompt_counted": prompt.prompt_tokens} if prompt else {}
        result.model = f"{self.model.name} -> tactful-offline"
        return result
