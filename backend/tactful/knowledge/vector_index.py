"""The vector index seam's Chroma implementation (embedded on disk, or a Chroma server by host)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..seams import Hit, IndexItem, VectorIndex

log = logging.getLogger(__name__)


__all__ = ["ChromaVectorIndex", "Hit", "IndexItem", "VectorIndex"]


def _register_guard_embedding_function():
    """Chroma gives a reopened collection its default embedding function unless the stored one is
    registered; the default downloads a model at first query. Tactful always passes vectors itself, so the
    registered function only has to exist, and refuses to be called."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import known_embedding_functions, register_embedding_function

    if "tactful" in known_embedding_functions:
        return known_embedding_functions["tactful"]

    class TactfulVectorsOnly(EmbeddingFunction[Documents]):
        def __init__(self, model: str = "") -> None:
            self.model = model

        def __call__(self, input: Documents) -> Embeddings:
            raise RuntimeError("Tactful passes embeddings explicitly; Chroma must not embed")

        @staticmethod
        def name() -> str:
            return "tactful"

        def get_config(self) -> dict[str, Any]:
            return {"model": self.model}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> TactfulVectorsOnly:
            return TactfulVectorsOnly(config.get("model", ""))

        def default_space(self):
            return "cosine"

    register_embedding_function(TactfulVectorsOnly)
    return TactfulVectorsOnly


class ChromaVectorIndex:
    def __init__(self, client: Any, model: str) -> None:
        import hashlib

        self._client = client
        self._ef = _register_guard_embedding_function()(model)
        self._collections: dict[str, Any] = {}
        # Each embedding model gets its own collections: switching TACTFUL_EMBEDDINGS__PROVIDER re-indexes
        # into fresh ones instead of mixing vector spaces (or dimensions) in one.
        self._suffix = "-" + hashlib.sha1(model.encode()).hexdigest()[:8]

    @classmethod
    def embedded(cls, path: Path, model: str) -> ChromaVectorIndex:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaClientSettings(anonymized_telemetry=False, allow_reset=False)
        )
        return cls(client, model)

    @classmethod
    def server(cls, host: str, port: int, model: str) -> ChromaVectorIndex:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        client = chromadb.HttpClient(
            host=host, port=port, settings=ChromaClientSettings(anonymized_telemetry=False)
        )
        return cls(client, model)

    def _collection(self, name: str) -> Any:
        if name not in self._collections:
            self._collections[name] = self._client.get_or_create_collection(
                name + self._suffix, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}}
            )
        return self._collections[name]

    def write(
        self, collection: str, items: Sequence[IndexItem], vectors: np.ndarray, delete: Sequence[str] = ()
    ) -> None:
        """Adds or replaces `items` (with their vectors) and removes the ids in `delete`."""
        if items:
            self._collection(collection).upsert(
                ids=[i.id for i in items],
                documents=[i.text for i in items],
                metadatas=[i.metadata or {"_": 0} for i in items],
                embeddings=vectors.astype(np.float32).tolist(),
            )
        if delete:
            self._collection(collection).delete(ids=list(delete))

    def query(
        self, collection: str, vectors: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[list[Hit]]:
        """The `n` nearest items for each query vector (one round trip for several). `where` is a metadata filter,
        e.g. {"article_id": ["a", "b"]}: slower (~20 ms at 10k items), so the pipeline uses it only when the
        conversation names an entity."""
        rows = np.atleast_2d(vectors).astype(np.float32).tolist()
        condition = None
        if where:
            ((name, values),) = where.items()
            condition = {name: {"$in": list(values)}}
        res = self._collection(collection).query(
            query_embeddings=rows,
            n_results=max(1, n),
            where=condition,
            include=["documents", "metadatas", "distances"],
        )
        return [
            [
                Hit(i, d or "", dict(m or {}), round(1.0 - float(x), 4))
                for i, d, m, x in zip(*row, strict=True)
            ]
            for row in zip(res["ids"], res["documents"], res["metadatas"], res["distances"], strict=True)
        ]

    def ids(self, collection: str) -> set[str]:
        return set(self._collection(collection).get(include=[])["ids"])
