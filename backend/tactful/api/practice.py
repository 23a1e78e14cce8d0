"""/api/v1/practice: role-play scenarios with a simulated customer, feedback per reply, progress over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..records.tokens import TokenInfo
from .deps import ServicesDep, require

router = APIRouter(prefix="/practice", tags=["practice"])
Agent = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]
Viewer = Annotated[TokenInfo, Depends(require("agent", "supervisor", "qa"))]


class StartBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario_id: str = Field(max_length=80)
    copilot: bool = False  # whether the agent may ask the copilot for drafts during the session


class ReplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=4000)


@router.get("/scenarios")
async def scenarios(services: ServicesDep, _: Viewer) -> list[dict[str, Any]]:
    return services.practice.scenarios()


@router.post("/sessions", status_code=201)
async def start(body: StartBody, services: ServicesDep, token: Agent) -> dict[str, Any]:
    return await run_in_threadpool(services.practice.start, token, body.scenario_id, body.copilot)


@router.get("/sessions/{session_id}")
async def read(session_id: str, services: ServicesDep, token: Viewer) -> dict[str, Any]:
    return await run_in_threadpool(services.practice.get, token, session_id)


@router.post("/sessions/{session_id}/replies")
async def reply(session_id: str, body: ReplyBody, services: ServicesDep, token: Agent) -> dict[str, Any]:
    """The agent's reply: feedback on it, the customer's answer, and the result when the session ends."""
    return await services.practice_replies.answer(token, session_id, body.text)


@router.get("/progress")
async def progress(
    services: ServicesDep, token: Viewer, agent: int | None = Query(None, ge=1, le=2**31 - 1)
) -> dict[str, Any]:
    return await run_in_threadpool(services.practice.progress, token, agent)
