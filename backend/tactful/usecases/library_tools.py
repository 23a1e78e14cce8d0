"""Library tools that run the copilot's own parts: preview a candidate version against the published one on a
conversation, search as the copilot retrieves, an article's chunks, and the background re-index."""

from __future__ import annotations

import logging
import threading
from typing import Any

from ..drafting.budget import build_prompt
from ..drafting.pipeline import ChatMessage, SuggestionInput, SuggestionPipeline
from ..errors import InvalidRequest
from ..knowledge.ingest import KB_COLLECTION, article_items, ingest_library
from ..knowledge.retrieval import conversation_query
from ..library.content import ContentState
from ..llm.budget import encoding_for_model
from ..llm.tokens import TiktokenCounter
from ..records.jobs import JobRepository
from ..records.library import LibraryRepository
from ..seams import Embedder, VectorIndex
from ..settings import LLMSettings

log = logging.getLogger(__name__)


def _preview_input(conversation: dict[str, Any]) -> SuggestionInput:
    messages = conversation.get("messages") or []
    if not any(m.get("role") == "customer" and str(m.get("text") or "").strip() for m in messages):
        raise InvalidRequest(
            "conversation.messages: give at least one customer message to preview.",
            code="no-customer-message",
        )
    customer = conversation.get("customer") or {}
    return SuggestionInput(
        [ChatMessage(m["role"], str(m["text"])) for m in messages if m.get("role") in ("customer", "agent")],
        customer_locale=customer.get("locale") or None,
        customer_country=customer.get("country") or None,
        customer_name=customer.get("name") or None,
        agent_language=(conversation.get("agent") or {}).get("language") or None,
    )


class ReindexJob:
    """One re-index at a time across all workers, in a background thread; status lives in the database."""

    KIND = "reindex"

    def __init__(self, jobs: JobRepository) -> None:
        self.jobs = jobs

    @property
    def status(self) -> dict[str, Any]:
        return self.jobs.status(self.KIND)

    def start(self, tools: LibraryTools) -> dict[str, Any]:
        if self.jobs.claim(self.KIND):
            threading.Thread(target=self._run, args=(tools,), daemon=True).start()
        return self.status

    def _run(self, tools: LibraryTools) -> None:
        try:
            counter = TiktokenCounter()
            report = ingest_library(
                tools.content.current().library,
                tools.index,
                tools.embedder,
                counter,
                lambda n: self.jobs.progress(self.KIND, n),
            )
            self.jobs.finish(
                self.KIND, {"added": report.added, "removed": report.removed, "unchanged": report.unchanged}
            )
        except Exception as e:  # noqa: BLE001 - shown to the supervisor, logged in full
            log.exception("re-index failed")
            self.jobs.finish(self.KIND, error=f"{type(e).__name__}: {e}")


class LibraryTools:
    def __init__(
        self,
        store: LibraryRepository,
        content: ContentState,
        pipeline: SuggestionPipeline,
        index: VectorIndex,
        embedder: Embedder,
        jobs: JobRepository,
        llm: LLMSettings,
    ) -> None:
        self.store, self.content, self.pipeline, self.index, self.embedder = (
            store,
            content,
            pipeline,
            index,
            embedder,
        )
        self.reindex = ReindexJob(jobs)
        self.llm = llm

    def start_reindex(self) -> dict[str, Any]:
        """Re-embeds the published library in the background (one run at a time across workers)."""
        return self.reindex.start(self)

    def reindex_status(self) -> dict[str, Any]:
        return dict(self.reindex.status)

    def preview(self, key: str, version: int | None, conversation: dict[str, Any]) -> dict[str, Any]:
        """Drafts for the conversation with the published content and with the candidate version side by side.
        Nothing is recorded. For prompt templates, the rendered prompts are shown too (and model drafts when a
        model is configured)."""
        candidate = self.store.get(key, version)
        req = _preview_input(conversation)
        published = self.content.current()
        with_candidate = self.content.with_candidate(candidate)
        out: dict[str, Any] = {"key": key, "candidate_version": candidate.version}
        for name, content in (("published", published), ("candidate", with_candidate)):
            prepared = self.pipeline.prepare(req, None, content)
            result = self.pipeline.offline.draft(prepared.ctx)
            view = {**prepared.meta, **self.pipeline.drafts_part(prepared, result)}
            if candidate.kind == "prompt" and prepared.ctx.prompt is not None:
                llm = self.llm
                counter = TiktokenCounter(encoding_for_model(llm.model))
                built = build_prompt(
                    prepared.ctx.prompt, prepared.ctx, counter, llm.context_window, llm.max_output_tokens
                )
                view["prompt"] = {
                    "version": prepared.ctx.prompt.version_label,
                    "messages": built.messages,
                    "tokens": built.prompt_tokens,
                }
            out[name] = view
        return out

    def search(self, query: str, language: str | None = None) -> dict[str, Any]:
        """What the copilot would retrieve for this customer text: KB chunks and phrases, with scores."""
        if not query.strip():
            raise InvalidRequest("query: type a customer question.", code="empty-query")
        decision = self.pipeline.decider.decide([query], override=language or None)
        library = self.content.current().library
        retriever = self.pipeline.retriever
        vector = retriever.embed(conversation_query([query]))
        phrase_lang = self.pipeline.phrasing_language_for(library, decision.tag)
        return {
            "language": {"tag": decision.tag, "confidence": decision.confidence, "basis": decision.basis},
            "kb": [
                {
                    "article_id": h.metadata.get("article_id"),
                    "title": h.metadata.get("title"),
                    "chunk": h.metadata.get("chunk"),
                    "score": h.score,
                    "text": h.text,
                }
                for h in retriever.index.query(KB_COLLECTION, vector, 10)[0]
            ],
            "phrases": [
                {
                    "id": h.id.rsplit(":", 1)[0],
                    "stage": h.metadata.get("stage"),
                    "register": h.metadata.get("register"),
                    "score": h.score,
                    "text": h.text,
                }
                for h in retriever.phrases(phrase_lang, vector, 10)
            ],
        }

    def article_chunks(self, article_id: str) -> list[str]:
        library = self.content.current().library
        if article_id not in library.articles:
            raise InvalidRequest(f"No published article '{article_id}'.", code="unknown-article")
        counter = TiktokenCounter()
        return [i.text for i in article_items(library.articles[article_id], counter)]
