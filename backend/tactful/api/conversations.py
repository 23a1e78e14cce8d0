"""/api/v1/conversations: insight into a conversation and handoff summaries, without drafting a reply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ConversationRequest, SummaryRequest
from .suggestions import check_limits, to_input

router = APIRouter(prefix="/conversations", tags=["conversations"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/insight")
async def conversation_insight(
    body: ConversationRequest, services: ServicesDep, token: AgentDep
) -> dict[str, Any]:
    """Intent, sentiment, urgency and the complaint step for a conversation (nothing is stored)."""
    check_limits(body, services)
    return await services.summaries.insight(to_input(body), token.id)


@router.post("/summary")
async def conversation_summary(
    body: SummaryRequest, services: ServicesDep, token: AgentDep
) -> dict[str, Any]:
    """A handoff or escalation summary in the recipient's language (default: the agent's)."""
    check_limits(body, services)
    recipient = body.recipient
    target = (recipient.language if recipient and recipient.language else None) or (
        body.agent.language if body.agent and body.agent.language else "en"
    )
    return await services.summaries.summarize(
        to_input(body), token.id, target, recipient.role if recipient else None
    )
