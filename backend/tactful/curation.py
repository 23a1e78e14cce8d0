"""What supervisors do to the library, shared by the API and the console: draft, publish, retire, roll back,
preview a candidate against the published version, import and export phrasing, search as the copilot does."""

from __future__ import annotations

import csv
import io
import logging
import threading
from typing import Any

import yaml

from . import safe_yaml
from .content import REQUIRED_KEYS, build_content, phrase_key, validate
from .csv_cells import cell, uncell
from .drafting.budget import build_prompt, encoding_for_model
from .drafting.pipeline import ChatMessage, SuggestionInput
from .errors import ConfigurationError, Conflict, InvalidRequest
from .knowledge.ingest import KB_COLLECTION, article_items
from .knowledge.retrieval import conversation_query
from .knowledge.tokens import TiktokenCounter
from .records.jobs import JobRepository
from .records.library import ItemView
from .services import Services

PHRASE_FIELDS = ["language", "key", "register", "text"]
log = logging.getLogger(__name__)


# Saves of one key run one at a time (the version number is read, then written); other keys are not held up.
_key_locks: dict[str, threading.Lock] = {}
_key_locks_guard = threading.Lock()


def _key_lock(key: str) -> threading.Lock:
    with _key_locks_guard:
        return _key_locks.setdefault(key, threading.Lock())


def save(services: Services, kind: str, content: dict[str, Any], actor: str, note: str = "",
         publish: bool = False) -> ItemView:
    key = validate(kind, content)
    with _key_lock(key):
        item = services.library_store.save_draft(kind, key, content, actor, note)
        if publish:
            services.content.check_publishable(item)
            item = services.library_store.publish(key, item.version, actor)
    return item


def publish(services: Services, key: str, version: int, actor: str) -> ItemView:
    """Publishes a stored version, if the whole library still builds with it."""
    with _key_lock(key):
        services.content.check_publishable(services.library_store.get(key, version))
        return services.library_store.publish(key, version, actor)


def rollback(services: Services, key: str, version: int, actor: str) -> ItemView:
    with _key_lock(key):
        services.content.check_publishable(services.library_store.get(key, version))
        return services.library_store.rollback(key, version, actor)


def retire(services: Services, key: str, actor: str) -> None:
    if key in REQUIRED_KEYS:
        raise Conflict(f"'{key}' is required: publish a corrected version instead of retiring it.",
                       code="required-content")
    with _key_lock(key):
        services.library_store.retire(key, actor)


def preview(services: Services, key: str, version: int | None, conversation: dict[str, Any]) -> dict[str, Any]:
    """Drafts for the conversation with the published content and with the candidate version side by side.
    Nothing is recorded. For prompt templates, the rendered prompts are shown too (and model drafts when a
    model is configured)."""
    candidate = services.library_store.get(key, version)
    req = _preview_input(conversation)
    published = services.content.current()
    with_candidate = services.content.with_candidate(candidate)
    out: dict[str, Any] = {"key": key, "candidate_version": candidate.version}
    for name, content in (("published", published), ("candidate", with_candidate)):
        prepared = services.pipeline.prepare(req, None, content)
        result = services.pipeline.offline.draft(prepared.ctx)
        view = {**prepared.meta, **services.pipeline.drafts_part(prepared, result)}
        if candidate.kind == "prompt" and prepared.ctx.prompt is not None:
            llm = services.settings.llm
            counter = TiktokenCounter(encoding_for_model(llm.model), str(services.settings.data_dir / "tiktoken"))
            built = build_prompt(prepared.ctx.prompt, prepared.ctx, counter, llm.context_window, llm.max_output_tokens)
            view["prompt"] = {"version": prepared.ctx.prompt.version_label, "messages": built.messages,
                              "tokens": built.prompt_tokens}
        out[name] = view
    return out


def _preview_input(conversation: dict[str, Any]) -> SuggestionInput:
    messages = conversation.get("messages") or []
    if not any(m.get("role") == "customer" and str(m.get("text") or "").strip() for m in messages):
        raise InvalidRequest("conversation.messages: give at least one customer message to preview.",
                             code="no-customer-message")
    customer = conversation.get("customer") or {}
    return SuggestionInput([ChatMessage(m["role"], str(m["text"])) for m in messages if m.get("role") in ("customer", "agent")],
                           customer_locale=customer.get("locale") or None, customer_country=customer.get("country") or None,
                           customer_name=customer.get("name") or None,
                           agent_language=(conversation.get("agent") or {}).get("language") or None)


def export_phrases(services: Services, fmt: str) -> str:
    rows = [{f: i.content[f] for f in PHRASE_FIELDS} for i in services.library_store.published("phrase")]
    if fmt == "yaml":
        return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PHRASE_FIELDS)
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def import_phrases(services: Services, text: str, fmt: str, actor: str) -> dict[str, int]:
    """All rows are validated before anything is stored: one bad row rejects the whole file, naming the row."""
    try:
        rows = safe_yaml.load(text, "import") if fmt == "yaml" else list(csv.DictReader(io.StringIO(text)))
    except ConfigurationError as e:
        raise InvalidRequest(e.detail, code="invalid-import") from e
    if not isinstance(rows, list) or not rows:
        raise InvalidRequest("import: no phrases found (CSV with language,key,register,text or a YAML list).",
                             code="empty-import")
    checked = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not all(isinstance(row.get(f, ""), str | None) for f in PHRASE_FIELDS):
            raise InvalidRequest(f"import: row {n} must be a mapping of {', '.join(PHRASE_FIELDS)} to text.",
                                 code="invalid-import")
        content = {f: uncell(str(row.get(f) or "").strip()) for f in PHRASE_FIELDS}
        checked.append((validate("phrase", content, f"row {n}"), content))
    current = {i.key: i.content for i in services.library_store.published("phrase")}
    changed = 0
    for key, content in checked:
        if current.get(key) != content:
            save(services, "phrase", content, actor, "imported", publish=True)
            changed += 1
    return {"rows": len(checked), "changed": changed, "unchanged": len(checked) - changed}


def search(services: Services, query: str, language: str | None = None) -> dict[str, Any]:
    """What the copilot would retrieve for this customer text: KB chunks and phrases, with scores."""
    if not query.strip():
        raise InvalidRequest("query: type a customer question.", code="empty-query")
    decision = services.pipeline.decider.decide([query], override=language or None)
    library = services.content.current().library
    retriever = services.pipeline.retriever
    vector = retriever.embed(conversation_query([query]))
    phrase_lang = services.pipeline.phrasing_language_for(library, decision.tag)
    return {
        "language": {"tag": decision.tag, "confidence": decision.confidence, "basis": decision.basis},
        "kb": [{"article_id": h.metadata.get("article_id"), "title": h.metadata.get("title"), "chunk": h.metadata.get("chunk"),
                "score": h.score, "text": h.text} for h in retriever.index.query(KB_COLLECTION, vector, 10)],
        "phrases": [{"id": h.id.rsplit(":", 1)[0], "stage": h.metadata.get("stage"), "register": h.metadata.get("register"),
                     "score": h.score, "text": h.text} for h in retriever.phrases(phrase_lang, vector, 10)],
    }


def article_chunks(services: Services, article_id: str) -> list[str]:
    library = services.content.current().library
    if article_id not in library.articles:
        raise InvalidRequest(f"No published article '{article_id}'.", code="unknown-article")
    counter = TiktokenCounter(cache_dir=str(services.settings.data_dir / "tiktoken"))
    return [i.text for i in article_items(library.articles[article_id], counter)]


class ReindexJob:
    """One re-index at a time across all workers, in a background thread; status lives in the database."""

    KIND = "reindex"

    def __init__(self, jobs: JobRepository) -> None:
        self.jobs = jobs

    @property
    def status(self) -> dict[str, Any]:
        return self.jobs.status(self.KIND)

    def start(self, services: Services) -> dict[str, Any]:
        if self.jobs.claim(self.KIND):
            threading.Thread(target=self._run, args=(services,), daemon=True).start()
        return self.status

    def _run(self, services: Services) -> None:
        from .knowledge.ingest import ingest_library

        try:
            counter = TiktokenCounter(cache_dir=str(services.settings.data_dir / "tiktoken"))
            report = ingest_library(services.content.current().library, services.index, services.embedder, counter,
                                    lambda n: self.jobs.progress(self.KIND, n))
            self.jobs.finish(self.KIND, {"added": report.added, "removed": report.removed,
                                         "unchanged": report.unchanged})
        except Exception as e:  # noqa: BLE001 - shown to the supervisor, logged in full
            log.exception("re-index failed")
            self.jobs.finish(self.KIND, error=f"{type(e).__name__}: {e}")


def reindex_job(services: Services) -> ReindexJob:
    return ReindexJob(JobRepository(services.db))


__all__ = ["article_chunks", "build_content", "export_phrases", "import_phrases", "phrase_key", "preview",
           "reindex_job", "save", "search"]


def decide_correction(services: Services, correction_id: int, accept: bool, who: str) -> dict[str, Any]:
    """A supervisor's decision on an agent's "wrong article": accepted, the customer's words become a question of
    the right article in their language (a new published version, audited), so ranking finds it next time."""
    from .records.corrections import CorrectionRepository

    repo = CorrectionRepository(services.db)
    waiting = {c["id"]: c for c in repo.proposed()}
    if accept and correction_id in waiting:
        c = waiting[correction_id]
        key = f"article:{c['article_id']}"
        with _key_lock(key):
            current = services.library_store.get(key)
            content = dict(current.content)
            questions = {k: list(v) for k, v in (content.get("questions") or {}).items()}
            asked = (c["question"] or "").strip()
            if asked and asked not in questions.get(c["language"], []):
                questions.setdefault(c["language"], []).append(asked)
                content["questions"] = questions
                item = services.library_store.save_draft("article", key, content, who,
                                                         f"question from an agent's correction #{correction_id}")
                services.content.check_publishable(item)
                services.library_store.publish(key, item.version, who)
    return repo.decide(correction_id, accept, who)
