"""The KB ranking Tactful used before re-ranking, the baseline of `tactful eval answers`: the customer's last
messages embedded as one query, the best chunk per article by cosine, a boost for a named entity."""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.retrieval import conversation_query
from ..library.texts import Library


def vector_ranking(
    pipeline, library: Library, customer_texts: Sequence[str], all_texts: Sequence[str], articles: int = 3
) -> list[str]:
    mentioned = library.mentioned_articles("\n".join(all_texts))
    retriever = pipeline.retriever
    vector = retriever.embed(conversation_query(customer_texts, entity_named=bool(mentioned)))
    return [str(h.metadata.get("article_id")) for h in retriever.kb(vector, articles, mentioned)]
