"""Console pages for practice mode: pick a scenario, play it, read the feedback, see progress over time.
Agents sign in with their own token and see only these pages and their own results."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ..drafting.pipeline import ChatMessage, SuggestionInput
from ..errors import TactfulError
from .routes import AnyUser, _back, _page

router = APIRouter(prefix="/console/practice", include_in_schema=False)


@router.get("")
async def scenarios(request: Request, user: AnyUser, message: str = "", error: str = "") -> HTMLResponse:
    services = request.app.state.services
    return _page(
        "practice_list.html",
        request,
        user,
        scenarios=services.practice.scenarios(),
        message=message,
        error=error,
    )


@router.post("")
async def start(request: Request, user: AnyUser) -> Response:
    services = request.app.state.services
    form = await request.form()
    if user.role not in ("agent", "supervisor"):
        return _back("/console/practice", error="Practice sessions are for agents and supervisors.")
    try:
        session = await run_in_threadpool(
            services.practice.start, user, str(form.get("scenario_id", "")), form.get("copilot") == "on"
        )
    except TactfulError as e:
        return _back("/console/practice", error=e.detail)
    return _back(f"/console/practice/s/{session['id']}")


@router.get("/progress")
async def progress(request: Request, user: AnyUser) -> HTMLResponse:
    services = request.app.state.services
    data = await run_in_threadpool(services.practice.progress, user, None)
    return _page("practice_progress.html", request, user, agents=data["agents"])


@router.get("/s/{session_id}")
async def session_page(
    request: Request, user: AnyUser, session_id: str, error: str = "", copilot: str = ""
) -> HTMLResponse:
    services = request.app.state.services
    session = await run_in_threadpool(services.practice.get, user, session_id)
    scenario = services.content.current().scenarios.get(session["scenario_id"])
    drafts = (
        await run_in_threadpool(_copilot_drafts, services, session) if copilot and session["copilot"] else []
    )
    return _page(
        "practice_session.html", request, user, s=session, scenario=scenario, error=error, drafts=drafts
    )


@router.post("/s/{session_id}")
async def answer(request: Request, user: AnyUser, session_id: str) -> Response:
    services = request.app.state.services
    form = await request.form()
    try:
        await services.practice_replies.answer(user, session_id, str(form.get("text", "")))
    except TactfulError as e:
        return _back(f"/console/practice/s/{session_id}", error=e.detail)
    return _back(f"/console/practice/s/{session_id}")


def _copilot_drafts(services, session) -> list[dict]:
    """Offline copilot drafts for the practice conversation (not recorded as suggestions)."""
    req = SuggestionInput(
        [ChatMessage(m["role"], m["text"]) for m in session["transcript"]],
        customer_locale=session["locale"],
        drafts=2,
    )
    return services.flow.unrecorded_drafts(req)
