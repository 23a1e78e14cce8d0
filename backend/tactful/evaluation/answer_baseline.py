"""The KB ranking Tactful used before re-ranking, kept as the baseline of `tactful eval answers`: the
customer's last messages embedded as one query, the best chunk per article by cosine, a fixed boost for an
article whose entity the conversation names."""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.ingest import KB_COLLECTION
from ..knowledge.library import Library

_QUERY_MESSAGES = 3
_QUERY_CHARS = 600
_ENTITY_BOOST = 0.3


def vector_ranking(pipeline, library: Library, customer_texts: Sequence[str], all_texts: Sequence[str],
                   articles: int = 3) -> list[str]:
    mentioned = library.mentioned_articles("\n".join(all_texts))
    recent = [t.strip() for t in customer_texts if t.strip()][-(1 if mentioned else _QUERY_MESSAGES):]
    vector = pipeline.retriever.embed("\n".join(recent)[-_QUERY_CHARS:])
    index = pipeline.retriever.index
    hits = index.query(KB_COLLECTION, vector, articles * 4)
    best: dict[str, float] = {}
    for hit in hits:
        article = str(hit.metadata.get("article_id"))
        score = hit.score + (_ENTITY_BOOST if article in mentioned else 0.0)
        best[article] = max(best.get(article, -1.0), score)
    return sorted(best, key=lambda a: -best[a])[:articles]
