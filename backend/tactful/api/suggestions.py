"""/api/v1/suggestions: ask for drafts, report what the agent did with them, read a record back."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..drafting.pipeline import ChatMessage, SuggestionInput
from ..errors import InvalidRequest
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ConversationRequest, EventRequest, SuggestionRequest

router = APIRouter(prefix="/suggestions", tags=["suggestions"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]
ReaderDep = Annotated[TokenInfo, Depends(require("agent", "supervisor", "qa"))]


def check_limits(body: ConversationRequest, services: ServicesDep) -> None:
    limits = services.settings.limits
    if len(body.messages) > limits.max_messages:
        raise InvalidRequest(
            f"messages: at most {limits.max_messages} messages per request; send the latest ones.",
            code="conversation-too-long",
        )
    for i, m in enumerate(body.messages):
        if len(m.text) > limits.max_message_chars:
            raise InvalidRequest(
                f"messages.{i}.text: longer than {limits.max_message_chars} characters.",
                code="message-too-long",
            )
    if not any(m.role == "customer" and m.text.strip() for m in body.messages):
        raise InvalidRequest("messages: there is no customer message to answer.", code="no-customer-message")


@router.post("", status_code=200, response_model=None)
async def create_suggestion(
    body: SuggestionRequest, request: Request, services: ServicesDep, token: AgentDep
) -> dict[str, Any] | StreamingResponse:
    """Drafts for a conversation. With `Accept: text/event-stream` the answer streams as server-sent events:
    `meta` (language, culture, sources) at once, `delta` with draft text as the model writes, `done` last."""
    check_limits(body, services)
    req = to_input(body, body.drafts)
    if wants_events(request):
        return event_stream(services.flow.stream(req, token.id))
    return await services.flow.run(req, token.id)


def to_input(body: ConversationRequest, drafts: int = 3) -> SuggestionInput:
    customer, agent = body.customer, body.agent
    return SuggestionInput(
        messages=[
            ChatMessage(m.role, m.text, m.sent_at.isoformat() if m.sent_at else None) for m in body.messages
        ],
        conversation_id=body.conversation_id,
        customer_locale=customer.locale if customer else None,
        customer_country=customer.country if customer else None,
        customer_name=customer.name if customer else None,
        agent_language=agent.language if agent else None,
        agent_name=agent.name if agent else None,
        language_override=body.language_override,
        drafts=drafts,
    )


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _sse_stream(events: AsyncIterator[tuple[str, Any]]) -> AsyncIterator[str]:
    async for event, data in events:
        yield _sse(event, data)


def wants_events(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "")


def event_stream(events: AsyncIterator[tuple[str, Any]]) -> StreamingResponse:
    """A use case's (event, data) pairs as server-sent events, unbuffered by proxies."""
    return StreamingResponse(
        _sse_stream(events),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/{suggestion_id}/events", status_code=201)
async def add_event(
    suggestion_id: str, body: EventRequest, services: ServicesDep, token: AgentDep
) -> dict[str, Any]:
    saved = await services.flow.report(
        suggestion_id, token.id, token.role, body.type, body.draft_id, body.final_text
    )
    return {
        "id": saved.id,
        "suggestion_id": suggestion_id,
        "type": saved.type,
        "draft_id": saved.draft_id,
        "edit_distance": saved.edit_distance,
        "diff": saved.diff,
    }


@router.get("/{suggestion_id}")
async def read_suggestion(suggestion_id: str, services: ServicesDep, token: ReaderDep) -> dict[str, Any]:
    return await run_in_threadpool(services.flow.read, suggestion_id, token.id, token.role)
