"""Customer messages translated for the agent by the model: batched in one call, each message translated once
(cached by content hash and target language, per process), placeholders for redacted values kept."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from ..errors import Conflict
from .budget import _turn
from .llm import ProviderError
from .llm_drafter import LLMDrafter
from .output import OutputError, _loads
from .prompts import PromptTemplate

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


CACHE = TranslationCache()


async def translate(llm: LLMDrafter | None, template: PromptTemplate | None, texts: list[str], source: str,
                    target: str, cache: TranslationCache = CACHE) -> tuple[list[str], int]:
    """The texts translated into `target` (same order), and how many came from the cache."""
    if llm is None or template is None:
        raise TranslationUnavailable("Translation needs a language model endpoint; the offline gist stands in.")
    keys = [cache.key(llm.model.name, target, t) for t in texts]
    found = [cache.get(k) for k in keys]
    missing = [i for i, v in enumerate(found) if v is None]
    if missing:
        numbered = "\n".join(f"{n}. {_turn('customer', texts[i])}" for n, i in enumerate(missing, start=1))
        try:
            completion = await llm.model.complete(
                template.render({"source_language": source, "target_language": target, "messages": numbered}),
                llm.max_output, template.output_schema or None)
            data = _loads(completion.text)
            items = data.get("translations") if isinstance(data, dict) else None
            if not isinstance(items, list):
                raise OutputError("the model's JSON has no 'translations' list")
            by_number = {int(x["index"]): str(x["text"]) for x in items
                         if isinstance(x, dict) and str(x.get("index", "")).isdigit() and x.get("text")}
        except (ProviderError, OutputError, ValueError) as e:
            raise TranslationUnavailable(f"The model could not translate ({getattr(e, 'reason', None) or e}).") from e
        for n, i in enumerate(missing, start=1):
            if n in by_number:
                found[i] = by_number[n]
                cache.put(keys[i], by_number[n])
    return [v or "" for v in found], len(texts) - len(missing)
