"""One suggestion, end to end: redact, detect language, pick culture, retrieve, classify, draft, record.

Synchronous by design: every step is CPU-bound or a local store call; the API runs it in a worker thread.
"""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..culture.profiles import CultureRegistry
from ..culture.register import decide_register
from ..knowledge.library import Library
from ..knowledge.retrieval import Retriever, conversation_query
from ..language.decision import ConversationLanguageDecider
from ..language.tags import language_of, phrasing_language, region_of
from ..privacy.redaction import Redaction, Redactor, redact
from ..records.models import SuggestionRecord
from ..records.suggestions import SuggestionRepository
from .stage import classify_stage
from .types import DraftContext, Drafter, DraftResult


@dataclass(frozen=True)
class ChatMessage:
    role: str
    text: str
    sent_at: str | None = None


@dataclass(frozen=True)
class SuggestionInput:
    messages: list[ChatMessage]
    conversation_id: str | None = None
    customer_locale: str | None = None
    customer_country: str | None = None
    customer_name: str | None = None
    agent_language: str | None = None
    agent_name: str | None = None
    language_override: str | None = None
    drafts: int = 3


@dataclass
class Timer:
    ms: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[name] = round((time.perf_counter() - start) * 1000, 2)


class SuggestionPipeline:
    def __init__(self, *, decider: ConversationLanguageDecider, cultures: CultureRegistry, library: Library,
                 retriever: Retriever, drafter: Drafter, records: SuggestionRepository, redactor: Redactor,
                 company: str, kb_articles: int = 3) -> None:
        self.decider, self.cultures, self.library = decider, cultures, library
        self.retriever, self.drafter, self.records, self.redactor = retriever, drafter, records, redactor
        self.company, self.kb_articles = company, kb_articles

    def suggest(self, req: SuggestionInput, token_id: int | None = None) -> dict[str, Any]:
        t = Timer()
        started = time.perf_counter()
        redaction = Redaction()
        with t.stage("redact"):
            region = req.customer_country or (region_of(req.customer_locale) if req.customer_locale else None)
            messages = [ChatMessage(m.role, redact(m.text, redaction, self.redactor, region), m.sent_at)
                        for m in req.messages]
            customer = [m.text for m in messages if m.role == "customer"]
        with t.stage("language"):
            lang = self.decider.decide(customer, req.customer_locale, req.customer_country, req.language_override)
        with t.stage("culture"):
            profile = self.cultures.pick(lang.tag, req.customer_country)
            register = decide_register(profile, customer)
        with t.stage("retrieve"):
            vector = self.retriever.embed(conversation_query(customer))
            kb_hits = self.retriever.kb(vector, self.kb_articles)
            phrase_lang = self._phrasing_language(lang.tag)
            phrase_hits = self.retriever.phrases(phrase_lang, vector)
        articles = [(self.library.articles[h.metadata["article_id"]], h.score) for h in kb_hits
                    if h.metadata.get("article_id") in self.library.articles]
        with t.stage("stage"):
            stage = classify_stage(customer, lang.language, articles[0] if articles else None)
        ctx = DraftContext(
            language_tag=lang.tag, phrasing_language=phrase_lang,
            agent_language=self._agent_language(req.agent_language), register=register.register,
            profile=profile, stage=stage.name, customer_texts=customer, articles=articles,
            ranked_phrases=self._ranked_phrases(phrase_lang, phrase_hits),
            names={"customer": req.customer_name or "", "agent": req.agent_name or "", "company": self.company},
            n=req.drafts,
        )
        with t.stage("draft"):
            result = self.drafter.draft(ctx)
        response = self._response(req, lang, profile, register, stage, kb_hits, articles, result, ctx, redaction)
        t.ms["total"] = round((time.perf_counter() - started) * 1000, 2)
        with t.stage("record"):
            self._record(response, req, messages, result, redaction, token_id, t.ms)
        response["timings_ms"] = t.ms
        return response

    def redact_final(self, text: str, record: SuggestionRecord) -> str:
        """The text the agent sent, redacted like the conversation before it is stored."""
        return redact(text, Redaction(), self.redactor, (record.request.get("customer") or {}).get("country"))

    def _phrasing_language(self, tag: str) -> str:
        key = phrasing_language(tag)
        return key if key in self.library.phrase_languages() else "en"

    def _agent_language(self, requested: str | None) -> str:
        if not requested:
            return "en"
        key = phrasing_language(requested)
        return key if key in self.library.phrase_languages() else "en"

    def _ranked_phrases(self, language: str, hits) -> list:
        by_id = {f"{p.id}:{p.version}": p for p in self.library.phrases if p.language == language}
        ranked = [by_id[h.id] for h in hits if h.id in by_id]
        # Phrases not in the index yet (e.g. while re-indexing) still count, after the ranked ones.
        seen = {p.id for p in ranked}
        return ranked + [p for p in by_id.values() if p.id not in seen]

    def _response(self, req, lang, profile, register, stage, kb_hits, articles, result: DraftResult, ctx,
                  redaction: Redaction) -> dict[str, Any]:
        used = {sid for d in result.drafts for sid in d.source_ids}
        sources = [{"id": f"kb:{a.id}", "kind": "kb", "version": a.version, "title": a.title,
                    "snippet": hit.text[:280], "score": round(score, 4)}
                   for hit, (a, score) in zip(kb_hits, articles, strict=False)]
        phrases = {p.id: p for p in ctx.ranked_phrases}
        sources += [{"id": sid, "kind": "phrase", "version": phrases[sid].version, "title": phrases[sid].key,
                     "snippet": phrases[sid].text, "score": None} for sid in sorted(used) if sid in phrases]
        notes = list(profile.notes)
        if register.reason and "mirrored" in register.reason:
            notes.insert(0, register.reason)
        if ctx.phrasing_language != phrasing_language(lang.tag):
            notes.insert(0, f"No phrasing library for {lang.tag} yet: drafts are in English.")
        return {
            "id": uuid.uuid4().hex,
            "language": {"tag": lang.tag, "confidence": lang.confidence, "basis": lang.basis},
            "culture": {"profile": profile.locale, "version": profile.version, "register": register.register,
                        "address": profile.address.formal if register.register == "formal" else profile.address.informal,
                        "notes": notes},
            "stage": {"name": stage.name, "reason": stage.reason},
            "sources": sources,
            "drafts": [{"id": d.id, "label": d.label, "text": redaction.refill(d.text),
                        "back_translation": redaction.refill(d.back_translation), "register": d.register,
                        "source_ids": d.source_ids, "flags": d.flags} for d in result.drafts],
            "drafter": {"kind": result.kind, "model": result.model, "prompt_version": result.prompt_version,
                        "degraded": result.degraded, "note": result.note},
            "redactions": redaction.counts(),
        }

    def _record(self, response, req: SuggestionInput, messages, result: DraftResult, redaction: Redaction,
                token_id: int | None, timings: dict[str, float]) -> None:
        request = {
            "messages": [{"role": m.role, "text": m.text, "sent_at": m.sent_at} for m in messages],
            "customer": {"locale": req.customer_locale, "country": req.customer_country},
            "agent": {"language": req.agent_language}, "language_override": req.language_override,
            "drafts": req.drafts,
        }
        self.records.add(SuggestionRecord(
            id=response["id"], token_id=token_id, conversation_id=req.conversation_id,
            language_tag=response["language"]["tag"], culture_profile=response["culture"]["profile"],
            drafter_kind=result.kind, prompt_version=result.prompt_version, model=result.model,
            degraded=result.degraded, stage=response["stage"]["name"], request=request,
            language=response["language"], culture=response["culture"], sources=response["sources"],
            drafts=[{"id": d.id, "label": d.label, "text": d.text, "back_translation": d.back_translation,
                     "register": d.register, "source_ids": d.source_ids, "flags": d.flags} for d in result.drafts],
            timings_ms=dict(timings), redactions=redaction.counts(), latency_ms=timings["total"],
        ))
