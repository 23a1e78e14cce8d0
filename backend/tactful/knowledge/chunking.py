"""Split articles into token-bounded chunks along paragraph lines, so a chunk rarely cuts a sentence."""

from __future__ import annotations

from ..llm.tokens import TokenCounter


def chunk_text(text: str, counter: TokenCounter, max_tokens: int = 220, overlap: int = 30) -> list[str]:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for para in paragraphs:
        n = counter.count(para)
        if n > max_tokens:
            # A paragraph longer than a chunk is cut by tokens with a small overlap.
            if current:
                chunks.append("\n\n".join(current))
                current, size = [], 0
            tokens = counter.encode(para)
            step = max_tokens - overlap
            chunks.extend(counter.decode(tokens[i : i + max_tokens]) for i in range(0, len(tokens), step))
            continue
        if size + n > max_tokens and current:
            chunks.append("\n\n".join(current))
            current, size = [], 0
        current.append(para)
        size += n
    if current:
        chunks.append("\n\n".join(current))
    return chunks
