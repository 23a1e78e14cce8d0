"""Customer messages translated for the agent by the model: batched in one call, each message translated once
(cached by content hash and target language, per process), placeholders for redacted values kept."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from ..errors import Conflict
from ..library.prompts import PromptTemplate
from ..llm.budget import turn
from ..llm.call import CallFailed, ModelCall
from ..llm.output import OutputError, loads

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

    async def translate(
        self, template: PromptTemplate | None, texts: list[str], source: str, target: str
    ) -> tuple[list[str], int]:
        """The texts translated into `target` (same order), and how many came from the cache."""
        if self.call is None or template is None:
            raise TranslationUnavailable(
                "Translation needs a language model endpoint; the offline gist stands in."
            )
        keys = [self.cache.key(self.call.name, target, t) for t in texts]
        found = [self.cache.get(k) for k in keys]
        missing = [i for i, v in enumerate(found) if v is None]
        if missing:
            numbered = "\n".join(f"{n}. {turn('customer', texts[i])}" for n, i in enumerate(missing, start=1))
            try:
                answer = await self.call.run(
                    template,
                    {"source_language": source, "target_language": target, "messages": numbered},
                    _numbered,
                    what="translation",
                )
            except CallFailed as e:
                raise TranslationUnavailable(f"The model could not translate ({e.reason}).") from e
            for n, i in enumerate(missing, start=1):
                if n in answer.value:
                    found[i] = answer.value[n]
                    self.cache.put(keys[i], answer.value[n])
        return [v or "" for v in found], len(texts) - len(missing)
