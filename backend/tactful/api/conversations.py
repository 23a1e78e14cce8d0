"""/api/v1/conversations: insight into a conversation and handoff summaries, without drafting a reply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from ..insight.llm_summary import model_summary
from ..insight.summary import Summary, compose_summary
from ..language.tags import phrasing_language
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ConversationRequest, SummaryRequest
from .suggestions import check_limits, to_input

router = APIRouter(prefix="/conversations", tags=["conversations"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/insight")
async def conversation_insight(body: ConversationRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    """Intent, sentiment, urgency and the complaint step for a conversation (nothing is stored)."""
    check_limits(body, services)
    prepared = await run_in_threadpool(services.pipeline.prepare, to_input(body), token.id)
    meta = prepared.meta
    return {"language": meta["language"], "culture": meta["culture"], "stage": meta["stage"],
            "insight": meta["insight"], "sources": meta["sources"], "timings_ms": prepared.timer.ms}


@router.post("/summary")
async def conversation_summary(body: SummaryRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    """A handoff or escalation summary in the recipient's language (default: the agent's)."""
    check_limits(body, services)
    pipeline = services.pipeline
    prepared = await run_in_threadpool(pipeline.prepare, to_input(body), token.id)
    ctx, meta = prepared.ctx, prepared.meta
    recipient = body.recipient
    target = (recipient.language if recipient and recipient.language else None) or \
        (body.agent.language if body.agent and body.agent.language else "en")
    content = pipeline.content.current()

    def offline() -> Summary:
        return compose_summary(  # the agent's moves were read once, with the rest of the insight
            messages=ctx.messages, insight=ctx.insight, moves=ctx.insight.moves, target=phrasing_language(target),
            customer_language=ctx.language_tag, register=ctx.register, address=meta["culture"]["address"],
            intents=content.intents, articles=[a for a, _ in ctx.articles], library=ctx.library,
            names={**ctx.names, "customer": ""})

    summary = await run_in_threadpool(offline)
    summary.drafter = {"kind": "offline", "model": "tactful-offline", "degraded": False, "note": ""}
    if services.llm:
        i = ctx.insight
        reading = (f"intent {i.intent} ({i.intent_label}), sentiment {i.sentiment}, urgency {i.urgency}, register "
                   f"{ctx.register}, agent already: {', '.join(i.steps_taken) or 'nothing'}")
        llm = services.llm
        summary = await model_summary(llm.model, content.prompts.get("summarize_conversation"), llm.counter,
                                      llm.detector, llm.window, llm.max_output, offline=summary,
                                      messages=ctx.messages, company=ctx.names.get("company", ""), reading=reading)
    reveal = bool(recipient and recipient.role and recipient.role in services.settings.privacy.summary_pii_roles)
    out = summary.as_dict()
    if reveal:
        refill = prepared.redaction.refill
        for quotes in (out["promised"], out["open_questions"]):
            for q in quotes:
                q["text"] = refill(q["text"])
                q["translation"] = refill(q["translation"]) if q["translation"] else q["translation"]
        out["tried"] = [refill(t) for t in out["tried"]]
        out["problem"] = refill(out["problem"])
        out["text"] = refill(summary.text)
    out["pii"] = "shown" if reveal else "redacted"
    out["redactions"] = prepared.redaction.counts()
    out["insight"] = meta["insight"]
    out["conversation_id"] = body.conversation_id
    return out



