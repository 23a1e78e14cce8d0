"""tiktoken works offline from the bundled encoding files; chunks respect the token budget."""

from __future__ import annotations

from tactful.knowledge.chunking import chunk_text
from tactful.llm.tokens import TiktokenCounter


def test_cl100k_counts_offline(tmp_path):
    counter = TiktokenCounter("cl100k_base")
    assert counter.count("hello world") == 2
    assert counter.decode(counter.encode("Grüße aus Köln")) == "Grüße aus Köln"


def test_o200k_loads_offline(tmp_path):
    assert TiktokenCounter("o200k_base").count("hello world") == 2


def test_chunks_stay_under_budget_and_keep_all_text(tmp_path):
    counter = TiktokenCounter()
    paragraphs = [f"Paragraph {i}: " + "returns are free within thirty days. " * 8 for i in range(12)]
    long_one = "word " * 900
    chunks = chunk_text("\n\n".join([*paragraphs, long_one]), counter, max_tokens=120, overlap=20)
    assert all(counter.count(c) <= 120 for c in chunks)
    joined = " ".join(chunks)
    assert all(p.split(":")[0] in joined for p in paragraphs)


def test_offline_encodings_change_nothing_in_tiktoken_or_the_environment():
    """The bundled files are placed in tiktoken's own cache: its loader and the process environment stay as
    they were, so another library using tiktoken in the same process is unaffected."""
    import os

    import tiktoken.load

    before_reader, before_env = tiktoken.load.read_file, dict(os.environ)
    assert TiktokenCounter("o200k_base").count("Grüße") > 0
    assert tiktoken.load.read_file is before_reader
    assert dict(os.environ) == before_env
