"""POST /api/v1/compose: the agent's words in their language become a reply in the customer's language and
culture, with a back-translation and the draft checks; recorded like a suggestion. POST /api/v1/translate: the
customer's messages in the agent's language."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ComposeRequest, TranslateRequest
from .suggestions import check_limits, to_input

router = APIRouter(tags=["compose"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/compose")
async def compose_reply(body: ComposeRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    check_limits(body, services)
    return await services.flow.compose(to_input(body, 1), token.id, body.text)


@router.post("/translate")
async def translate_messages(
    body: TranslateRequest, services: ServicesDep, token: AgentDep
) -> dict[str, Any]:
    """Each customer message in the agent's language (default: the token's agent language or English), translated
    once and cached; redacted values stay placeholders for the model and are filled back in for the agent."""
    check_limits(body, services)
    return await services.flow.translate(to_input(body, 1), token.id, token.role, body.suggestion_id)
