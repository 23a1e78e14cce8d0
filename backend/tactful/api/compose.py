"""POST /api/v1/compose: the agent's words in their language become a reply in the customer's language and
culture, with a back-translation and the draft checks; recorded like a suggestion."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from ..drafting.compose import compose
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ComposeRequest
from .suggestions import check_limits, to_input

router = APIRouter(tags=["compose"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]


@router.post("/compose")
async def compose_reply(body: ComposeRequest, services: ServicesDep, token: AgentDep) -> dict[str, Any]:
    check_limits(body, services)
    prepared = await run_in_threadpool(services.pipeline.prepare, to_input(body, 1), token.id)
    template = services.content.current().prompts.get("compose_reply")
    with prepared.timer.stage("draft"):
        # The agent's text is redacted like the conversation: the model never sees the values it holds.
        own = await run_in_threadpool(services.pipeline.redact_text, body.text, prepared)
        result = await compose(services.llm, prepared.ctx, own, template)
    return await run_in_threadpool(services.pipeline.finish, prepared, result)
