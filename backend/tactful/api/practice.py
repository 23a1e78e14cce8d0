"""/api/v1/practice: role-play scenarios with a simulated customer, feedback per reply, progress over time."""

from __future__ import annotations

import asyncio
import weakref
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..practice.model_customer import model_line
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
    return await answer(services, token, session_id, body.text)


# One reply at a time per session: a reply reads the transcript, waits for the customer's answer, then writes
# it back; two at once would each write their own copy and one would be lost.
_session_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()  # idle ones go


async def answer(services, token: TokenInfo, session_id: str, text: str) -> dict[str, Any]:
    """Scripted customer offline; with a model configured, the model words the scripted turn in persona."""
    lock = _session_locks.get(session_id)
    if lock is None:
        lock = _session_locks[session_id] = asyncio.Lock()
    async with lock:
        planned = await run_in_threadpool(services.practice.plan_reply, token, session_id, text)
        line, meaning, source = planned.line, planned.meaning, "script"
        if services.llm:
            template = services.content.current().prompts.get("practice_customer")
            line, meaning, source = await model_line(services.llm.model, template, services.llm.detector, planned)
        result = await run_in_threadpool(services.practice.commit_reply, planned, line, meaning, source)
    return result


@router.get("/progress")
async def progress(services: ServicesDep, token: Viewer,
                   agent: int | None = Query(None, ge=1, le=2**31 - 1)) -> dict[str, Any]:
    return await run_in_threadpool(services.practice.progress, token, agent)
