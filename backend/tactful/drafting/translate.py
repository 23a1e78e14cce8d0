"""Customer messages translated for the agent by the model: batched in one call, each message translated once
(cached by content hash and target language, per process), placeholders for redacted values kept."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

from ..errors import Conflict
from ..library.prompts import PromptTemplate
from ..llm.budget import turn
from ..llm.call import FAILURES, CallFailed, ModelCall, failure_reason
from ..llm.output import OutputError, loads
from ..seams import Completion
from .output import DraftTextStream

CACHE_SIZE = 4096


class TranslationUnavailable(Conflict):
    code, title = "model-required", "Translation needs a model"


class TranslationCache:
    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._size, self._lock = size, threading.Lock()

    @staticmethod
    def key(model: str, target: str, text: str) -> str:
        return hashlib.sha256(f"{model}\n{target}\n{text}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def put(self, key: str, value: str) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def _numbered(answer: str) -> dict[int, str]:
    data = loads(answer)
    items = data.get("translations") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise OutputError("the model's JSON has no 'translations' list")
    return {
        int(x["index"]): str(x["text"])
        for x in items
        if isinstance(x, dict) and str(x.get("index", "")).isdigit() and x.get("text")
    }


class Translator:
    def __init__(self, call: ModelCall | None, cache: TranslationCache | None = None) -> None:
        self.call, self.cache = call, cache or TranslationCache()

    def ready(self, template: PromptTemplate | None) -> tuple[ModelCall, PromptTemplate]:
        if self.call is None or template is None:
            raise TranslationUnavailable(
                "Translation needs a language model endpoint; the offline gist stands in."
            )
        return self.call, template

    async def translate(
        self, template: PromptTemplate | None, texts: list[str], source: str, target: str
    ) -> tuple[list[str], int]:
        """The texts translated into `target` (same order), and how many came from the cache."""
        call, template = self.ready(template)
        keys, found, missing = self._lookup(call, texts, target)
        if missing:
            try:
                answer = await call.run(
                    template, _values(texts, missing, source, target), _numbered, what="translation"
                )
            except CallFailed as e:
                raise TranslationUnavailable(f"The model could not translate ({e.reason}).") from e
            self._keep(answer.value, keys, found, missing)
        return [v or "" for v in found], len(texts) - len(missing)

    async def stream(
        self, template: PromptTemplate | None, texts: list[str], source: str, target: str
    ) -> AsyncIterator[tuple[str, Any]]:
        """("delta", (position, text)) for cached translations at once and the others as the model writes them,
        then ("done", (translations, cached)) as `translate` returns them."""
        call, template = self.ready(template)
        keys, found, missing = self._lookup(call, texts, target)
        for i, text in enumerate(found):
            if text is not None:
                yield "delta", (i, text)
        if missing:
            started, usage, parser = time.perf_counter(), Completion(), DraftTextStream()
            try:
                messages, used = call.fit(template, _values(texts, missing, source, target))
                async for chunk in call.stream(messages, usage, schema=template.output_schema or None):
                    for n, text in parser.feed(chunk):  # the n-th "text" written is the n-th message asked
                        if n < len(missing):
                            yield "delta", (missing[n], text)
                answer = await call.parsed(usage, used, _numbered, started)
            except FAILURES as e:
                raise TranslationUnavailable(f"The model could not translate ({failure_reason(e)}).") from e
            self._keep(answer.value, keys, found, missing)
        yield "done", ([v or "" for v in found], len(texts) - len(missing))

    def _lookup(
        self, call: ModelCall, texts: list[str], target: str
    ) -> tuple[list[str], list[str | None], list[int]]:
        keys = [self.cache.key(call.name, target, t) for t in texts]
        found = [self.cache.get(k) for k in keys]
        return keys, found, [i for i, v in enumerate(found) if v is None]

    def _keep(
        self, by_number: dict[int, str], keys: list[str], found: list[str | None], missing: list[int]
    ) -> None:
        for n, i in enumerate(missing, start=1):
            if n in by_number:
                found[i] = by_number[n]
                self.cache.put(keys[i], by_number[n])


def _values(texts: list[str], missing: list[int], source: str, target: str) -> dict[str, str]:
    numbered = "\n".join(f"{n}. {turn('customer', texts[i])}" for n, i in enumerate(missing, start=1))
    return {"source_language": source, "target_language": target, "messages": numbered}
