"""Real Chroma on a temp dir: cross-lingual retrieval, idempotent ingest, safe reopen."""

from __future__ import annotations

import pytest

from tactful.knowledge.ingest import KB_COLLECTION, QUESTIONS_COLLECTION, ingest_library
from tactful.knowledge.retrieval import Retriever
from tactful.knowledge.vector_index import ChromaVectorIndex


@pytest.mark.parametrize(
    ("question", "article"),
    [
        pytest.param("¿Cómo puedo devolver un artículo?", "how-to-return", id="es"),
        pytest.param("パスワードをリセットしたいです", "password-reset", id="ja"),
        pytest.param("Mein Gutscheincode funktioniert nicht", "voucher-not-working", id="de"),
        pytest.param("Comment changer l'adresse de livraison ?", "address-change", id="fr"),
        pytest.param("我想取消订单", "order-cancellation", id="zh"),
    ],
)
def test_question_in_any_language_finds_english_article(services, question, article):
    retriever = Retriever(services.index, services.embedder)
    top = retriever.kb(retriever.embed(question), 3)
    assert article in [h.metadata["article_id"] for h in top]


def test_second_ingest_adds_nothing(services, settings):
    from tactful.llm.tokens import TiktokenCounter

    counter = TiktokenCounter()
    report = ingest_library(services.content.current().library, services.index, services.embedder, counter)
    assert report.added == 0 and report.removed == 0 and report.unchanged > 0


@pytest.mark.embedded
def test_reopened_store_queries_without_default_embedding(services, settings):
    # A fresh client on the same directory must not fall back to Chroma's downloading default function.
    reopened = ChromaVectorIndex.embedded(settings.chroma_path, services.embedder.name)
    hits = reopened.query(KB_COLLECTION, services.embedder.embed_query("refund"), 3)[0]
    assert len(hits) == 3


def test_changed_article_replaces_its_chunks(services, tmp_path):
    from dataclasses import replace

    from tactful.library.texts import Library
    from tactful.llm.tokens import TiktokenCounter

    index = ChromaVectorIndex.embedded(tmp_path / "chroma", services.embedder.name)
    counter = TiktokenCounter()
    article = services.content.current().library.articles["warranty"]
    ingest_library(Library({"warranty": article}, []), index, services.embedder, counter)
    before = index.ids(KB_COLLECTION)
    changed = replace(article, body=article.body + "\n\nNew paragraph.", version="changed1234")
    report = ingest_library(Library({"warranty": changed}, []), index, services.embedder, counter)
    after = index.ids(KB_COLLECTION)
    assert report.removed == len(before) and not (before & after)
    assert all(":changed1234:" in i for i in after)
    # Its customer questions did not change, so they were not embedded again.
    questions = index.ids(QUESTIONS_COLLECTION)
    assert questions and report.unchanged == len(questions) and report.added == len(after)


def test_entity_named_earlier_pulls_its_article(services):
    from tactful.drafting.pipeline import ChatMessage, SuggestionInput

    messages = [
        ChatMessage("customer", "Hi, I have a question about my Northwind Plus membership."),
        ChatMessage("agent", "Sure, what would you like to know?"),
        ChatMessage("customer", "How do I stop it?"),
    ]
    body = services.pipeline.suggest(SuggestionInput(messages))
    kb = [s["id"] for s in body["sources"] if s["kind"] == "kb"]
    assert kb[0] in ("kb:subscription-manage", "kb:subscription-charged-after-cancel")


def test_switching_embedding_model_uses_fresh_collections(services, tmp_path):
    from tactful.knowledge.embeddings import CombinedEmbedder, E5Embedder
    from tactful.library.texts import Library
    from tactful.llm.tokens import TiktokenCounter

    combined = CombinedEmbedder([(services.embedder, 0.3), (E5Embedder(), 1.0)])
    assert combined.dimensions == 512 + 384
    vector = combined.embed_query("Wo ist mein Paket?")
    assert abs(float((vector**2).sum()) - 1.0) < 1e-4
    counter = TiktokenCounter()
    library = Library({"warranty": services.content.current().library.articles["warranty"]}, [])
    ingest_library(
        library,
        ChromaVectorIndex.embedded(tmp_path / "c", services.embedder.name),
        services.embedder,
        counter,
    )
    # Same directory, another model: its own collections, so 896-d vectors never meet 512-d ones.
    other = ChromaVectorIndex.embedded(tmp_path / "c", combined.name)
    report = ingest_library(library, other, combined, counter)
    assert report.added > 0 and len(other.query(KB_COLLECTION, combined.embed_query("warranty"), 1)[0]) == 1
