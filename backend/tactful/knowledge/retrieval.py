"""Retrieval as the copilot does it: KB chunks for the conversation, phrases of one language ranked.

No Chroma `where` filters on the hot path (they cost ~20 ms at 10k items against ~3 ms unfiltered):
phrases live in one small collection per language, and KB hits are deduplicated per article in Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .embeddings import Embedder
from .ingest import KB_COLLECTION, phrasing_collection
from .vector_index import Hit, VectorIndex

_QUERY_MESSAGES = 3
_QUERY_CHARS = 600


def conversation_query(customer_texts: Sequence[str]) -> str:
    """The customer's last few messages, newest last: the entity is often named only earlier."""
    recent = [t.strip() for t in customer_texts if t.strip()][-_QUERY_MESSAGES:]
    return "\n".join(recent)[-_QUERY_CHARS:]


class Retriever:
    def __init__(self, index: VectorIndex, embedder: Embedder) -> None:
        self.index = index
        self.embedder = embedder

    def embed(self, text: str) -> np.ndarray:
        return self.embedder.embed_query(text)

    def kb(self, vector: np.ndarray, articles: int = 3) -> list[Hit]:
        hits = self.index.query(KB_COLLECTION, vector, n=articles * 4)
        best: dict[str, Hit] = {}
        for hit in hits:
            article = str(hit.metadata.get("article_id"))
            if article not in best or hit.score > best[article].score:
                best[article] = hit
        return sorted(best.values(), key=lambda h: -h.score)[:articles]

    def phrases(self, language: str, vector: np.ndarray, n: int = 200) -> list[Hit]:
        return self.index.query(phrasing_collection(language), vector, n=n)
