"""One suggestion, end to end: redact, detect language, pick culture, retrieve, classify, draft, record.

Synchronous by design: every step is CPU-bound or a local store call; the API runs it in a worker thread.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from ..culture.register import decide_register
from ..insight.engine import InsightEngine
from ..insight.gist import message_gists
from ..insight.turns import what_was_asked
from ..knowledge.ranking import ArticleRanker, article_links, ranking_query
from ..knowledge.retrieval import Retriever
from ..language.decision import ConversationLanguageDecider
from ..language.tags import phrasing_language, region_of
from ..library.content import Content, ContentState
from ..library.texts import Library
from ..privacy.redaction import Redaction, Redactor, redact
from ..seams import SuggestionLog
from .answer_plan import plan_answer
from .offline import OfflineDrafter
from .request import ChatMessage, Prepared, SuggestionInput, Timer
from .response import drafts_part, log_entry
from .response import meta as response_meta
from .stage import classify_stage
from .types import DraftContext, DraftResult

__all__ = ["ChatMessage", "Prepared", "SuggestionInput", "SuggestionPipeline", "Timer", "intent_scores"]

log = logging.getLogger(__name__)


def intent_scores(insight) -> dict[str, float]:
    """The intents read from the conversation with their scores: the current one, its runners-up, the open
    problem, and the latest message's own reading (which may start a new topic)."""
    if insight is None:
        return {}
    scores = {a["intent"]: a["score"] for a in insight.alternatives}
    if insight.messages:
        last = insight.messages[-1]
        scores[last.intent] = max(scores.get(last.intent, 0.0), last.score)
    scores[insight.intent] = max(scores.get(insight.intent, 0.0), insight.intent_score)
    if insight.problem_intent:
        # The problem the conversation is about stays the topic of follow-ups ("and when will it come?").
        scores[insight.problem_intent] = max(scores.get(insight.problem_intent, 0.0), insight.intent_score)
    return scores


class SuggestionPipeline:
    def __init__(
        self,
        *,
        decider: ConversationLanguageDecider,
        content: ContentState,
        retriever: Retriever,
        offline: OfflineDrafter,
        records: SuggestionLog,
        redactor: Redactor,
        company: str,
        insight: InsightEngine,
        prompt_id: str = "draft_reply",
        kb_articles: int = 3,
    ) -> None:
        self.decider, self.content, self.prompt_id, self.insight = decider, content, prompt_id, insight
        self.retriever, self.offline, self.records, self.redactor = retriever, offline, records, redactor
        self.company, self.kb_articles = company, kb_articles
        self.ranker = ArticleRanker(retriever.index, retriever.embedder)

    def suggest(self, req: SuggestionInput, token_id: int | None = None) -> dict[str, Any]:
        """The whole pipeline with the offline drafter, synchronously (benchmarks, tests)."""
        prepared = self.prepare(req, token_id)
        with prepared.timer.stage("draft"):
            result = self.offline.draft(prepared.ctx)
        return self.finish(prepared, result)

    def prepare(
        self, req: SuggestionInput, token_id: int | None = None, content: Content | None = None
    ) -> Prepared:
        """Everything before drafting: redaction, language, culture, retrieval, stage. `content` overrides the
        published library (previews of a candidate version)."""
        content = content or self.content.current()
        library, cultures = content.library, content.cultures
        t = Timer()
        started = time.perf_counter()
        redaction = Redaction()
        with t.stage("redact"):
            region = req.customer_country or (region_of(req.customer_locale) if req.customer_locale else None)
            messages = [
                ChatMessage(m.role, redact(m.text, redaction, self.redactor, region), m.sent_at)
                for m in req.messages
            ]
            customer = [m.text for m in messages if m.role == "customer"]
        with t.stage("language"):
            lang = self.decider.decide(
                customer, req.customer_locale, req.customer_country, req.language_override
            )
        with t.stage("culture"):
            profile = cultures.pick(lang.tag, req.customer_country)
            register = decide_register(profile, customer)
        phrase_lang = self.phrasing_language_for(library, lang.tag)
        agent_lang = self._agent_language(library, req.agent_language)
        with t.stage("insight"):
            insight = self.insight.analyse(
                [(m.role, m.text) for m in messages],
                lang.tag,
                content.intents,
                [p for p in library.phrases if p.language == phrase_lang],
                agent_lang,
            )
        warnings: list[str] = []
        with t.stage("retrieve"):
            try:
                mentioned = library.mentioned_articles("\n".join(m.text for m in messages))
                query = ranking_query(
                    what_was_asked(customer, lang.language), intent_scores(insight), mentioned
                )
                vectors = self.retriever.embedder.embed_queries(
                    [query.last] if query.context == query.last else [query.last, query.context]
                )
                candidates = self.ranker.rank(
                    library, query, article_links(content.intents), self.kb_articles, vectors
                )
                phrase_hits = self.retriever.phrases(phrase_lang, vectors[-1])
            except Exception:  # noqa: BLE001 - a broken index must not cost the agent their drafts
                log.exception("retrieval failed; drafting without the knowledge base")
                candidates, phrase_hits = [], []
                warnings.append(
                    "The knowledge base is unavailable: drafts use standard phrasing only, with no facts."
                )
        articles = [(library.articles[c.article_id], c.probability) for c in candidates]
        with t.stage("stage"):
            plan = plan_answer(
                [(m.role, m.text) for m in messages],
                lang.language,
                candidates,
                insight.messages[-1].intent if insight and insight.messages else None,
            )
            stage = classify_stage(customer, lang.language, articles[0] if articles else None, insight, plan)
        ctx = DraftContext(
            language_tag=lang.tag,
            phrasing_language=phrase_lang,
            agent_language=agent_lang,
            register=register.register,
            profile=profile,
            stage=stage.name,
            customer_texts=customer,
            articles=articles,
            ranked_phrases=self._ranked_phrases(library, phrase_lang, phrase_hits),
            names={
                "customer": req.customer_name or "",
                "agent": req.agent_name or "",
                "company": self.company,
            },
            n=req.drafts,
            messages=[(m.role, m.text) for m in messages],
            kb_chunks=[
                (f"kb:{c.article_id}", library.articles[c.article_id].title, c.chunk) for c in candidates
            ],
            library=library,
            prompt=content.prompts.get(self.prompt_id),
            insight=insight,
            intents={i.id: i.label("en") for i in content.intents},
            answer=plan,
        )
        meta = response_meta(lang, profile, register, stage, candidates, articles, ctx)
        # What each customer message says, in the agent's language, when no model translates it.
        meta["gists"] = message_gists(
            customer,
            insight,
            content.intents,
            ctx.agent_language,
            library.articles[plan.article].title if plan and plan.article in library.articles else None,
        )
        meta["warnings"] = warnings
        return Prepared(req, token_id, messages, redaction, ctx, meta, t, started)

    def finish(self, prepared: Prepared, result: DraftResult) -> dict[str, Any]:
        """After drafting: sources used, placeholders re-filled for the agent, the record stored."""
        if prepared.meta.get("warnings"):
            result.degraded = True
            result.note = " ".join(filter(None, [result.note, *prepared.meta["warnings"]]))
        response = {**prepared.meta, **drafts_part(prepared, result)}
        if result.insight and response.get("insight"):
            offline = response["insight"]
            agrees = all(result.insight[k] == offline[k] for k in ("intent", "sentiment", "urgency"))
            response["insight"] = {**offline, "model": {**result.insight, "agrees": agrees}}
        t = prepared.timer
        t.ms["total"] = round((time.perf_counter() - prepared.started) * 1000, 2)
        with t.stage("record"):
            self.records.record(log_entry(response, prepared, result))
        response["timings_ms"] = t.ms
        return response

    def redact_text(self, text: str, prepared: Prepared) -> str:
        """More text of the same request (the agent's own words for compose), with the request's placeholders."""
        req = prepared.req
        region = req.customer_country or (region_of(req.customer_locale) if req.customer_locale else None)
        return redact(text, prepared.redaction, self.redactor, region)

    def redact_final(self, text: str, request: dict[str, Any]) -> str:
        """The text the agent sent, redacted like the conversation (`request` as recorded) before it is stored."""
        customer = request.get("customer") or {}
        region = customer.get("country") or (
            region_of(customer["locale"]) if customer.get("locale") else None
        )
        return redact(
            text, Redaction(), self.redactor, region
        )  # the same region the conversation was redacted with

    @staticmethod
    def phrasing_language_for(library: Library, tag: str) -> str:
        key = phrasing_language(tag)
        return key if key in library.phrase_languages() else "en"

    @staticmethod
    def _agent_language(library: Library, requested: str | None) -> str:
        if not requested:
            return "en"
        key = phrasing_language(requested)
        return key if key in library.phrase_languages() else "en"

    @staticmethod
    def _ranked_phrases(library: Library, language: str, hits) -> list:
        # Hits are ranked by phrase id whatever their content version, so a candidate version being previewed
        # (not indexed yet) takes the rank of the version it would replace.
        by_id = {p.id: p for p in library.phrases if p.language == language}
        ranked, seen = [], set()
        for h in hits:
            phrase_id = h.id.rsplit(":", 1)[0]
            if phrase_id in by_id and phrase_id not in seen:
                ranked.append(by_id[phrase_id])
                seen.add(phrase_id)
        return ranked + [p for p in by_id.values() if p.id not in seen]

    def drafts_part(self, prepared: Prepared, result: DraftResult) -> dict[str, Any]:
        """The drafts, sources and drafter as the agent receives them (previews show the same)."""
        return drafts_part(prepared, result)
