"""POST /api/v1/compose: the agent's words in their language become a reply in the customer's language and
culture, with a back-translation and the draft checks; recorded like a suggestion. POST /api/v1/translate: the
customer's messages in the agent's language."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ComposeRequest, TranslateRequest
from .suggestions import check_limits, event_stream, to_input, wants_events

router = APIRouter(tags=["compose"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/compose", response_model=None)
async def compose_reply(
    body: ComposeRequest, request: Request, services: ServicesDep, token: AgentDep
) -> dict[str, Any] | StreamingResponse:
    """With `Accept: text/event-stream`: `meta`, `delta` as the model writes the reply, `done` (or `error`)."""
    check_limits(body, services)
    if wants_events(request):
        return event_stream(services.flow.compose_stream(to_input(body, 1), token.id, body.text))
    return await services.flow.compose(to_input(body, 1), token.id, body.text)


@router.post("/translate", response_model=None)
async def translate_messages(
    body: TranslateRequest, request: Request, services: ServicesDep, token: AgentDep
) -> dict[str, Any] | StreamingResponse:
    """Each customer message in the agent's language (default: the token's agent language or English), translated
    once and cached; redacted values stay placeholders for the model and are filled back in for the agent."""
    check_limits(body, services)
    req = to_input(body, 1)
    if wants_events(request):  # `delta` per message as it is translated, then `done` (or `error`)
        return event_stream(services.translation.stream(req, token.id, token.role, body.suggestion_id))
    return await services.translation.run(req, token.id, token.role, body.suggestion_id)
