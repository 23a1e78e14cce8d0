"""The English-only baseline of `tactful eval retrieval`: all-MiniLM-L6-v2 run in numpy from its wheel."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from tactful.evaluation.english_baseline import english_baseline, read_safetensors


def test_safetensors_reader_restores_shapes_and_values(tmp_path):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1.5, -2.0], dtype=np.float16)
    header = {
        "__metadata__": {"format": "pt"},
        "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "b": {"dtype": "F16", "shape": [2], "data_offsets": [24, 28]},
    }
    raw = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + a.tobytes() + b.tobytes())
    tensors = read_safetensors(path)
    assert np.array_equal(tensors["a"], a)
    assert tensors["b"].dtype == np.float32 and tensors["b"].tolist() == [1.5, -2.0]


@pytest.fixture(scope="module")
def minilm():
    model = english_baseline()
    assert model is not None, "requirements/baselines.txt is installed with the dev tools"
    return model


def test_minilm_ranks_paraphrases_above_unrelated_text(minilm):
    texts = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "A man is riding a horse.",
        "How do I cancel my order?",
        "I want to cancel my purchase.",
    ]
    v = minilm.embed_documents(texts)
    assert v.shape == (5, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    sim = v @ v.T
    # sentence-transformers reports 0.755 for the first pair with this model.
    assert sim[0, 1] == pytest.approx(0.755, abs=0.01)
    assert sim[0, 1] > sim[0, 2] > sim[0, 3]
    assert sim[3, 4] > 0.7 and sim[3, 4] > max(sim[3, :3])


def test_batches_keep_the_callers_order_and_match_single_encoding(minilm):
    texts = [
        "short",
        "a much longer sentence about a parcel that never arrived at my door",
        "mid length text",
    ]
    batch = minilm.embed_documents(texts)
    for i, text in enumerate(texts):
        assert np.allclose(batch[i], minilm.embed_query(text), atol=1e-5)


def test_minilm_is_english_only(minilm):
    en, de = minilm.embed_documents(["Where is my parcel?", "Wo ist mein Paket?"])
    paraphrase = minilm.embed_query("Where is my package?")
    assert float(en @ paraphrase) > float(de @ paraphrase) + 0.2
