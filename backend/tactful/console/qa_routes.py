"""QA pages of the console (/console/qa): the suggestion list, a suggestion's full provenance with scoring,
the review queue, metrics with charts, and phrasing proposals learnt from agents' edits."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as FastPath
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import InvalidRequest, TactfulError
from ..library import curation
from ..library.curation import actor
from ..qa.kpis import CULTURE_CRITERIA, conversation_kpis, kpis_by, summarize_kpis
from ..qa.kpis import GROUPS as KPI_GROUPS
from ..qa.proposals import propose
from ..records.corrections import CorrectionRepository
from ..records.db import DB_INT
from ..records.models import Review
from ..records.qa import Filters, kpi_rows
from ..usecases.reviews import check_scores
from .routes import User, _back, _editor, _page

router = APIRouter(prefix="/console/qa", include_in_schema=False)
FILTER_KEYS = (
    "since",
    "until",
    "agent",
    "language",
    "culture",
    "prompt_version",
    "drafter",
    "degraded",
    "outcome",
    "scored",
    "q",
    "intent",
    "sentiment",
    "urgency",
)
QA_ROLES = {"qa", "supervisor", "admin"}


def _filters(params: dict[str, str]) -> Filters:
    def when(v: str | None):
        try:
            return datetime.fromisoformat(v) if v else None
        except ValueError as e:
            raise InvalidRequest(f"'{str(v)[:40]}' is not a date (YYYY-MM-DD).", code="invalid-filter") from e

    def number(v: str | None):
        if not v:
            return None
        if not v.isdigit() or int(v) > DB_INT:
            raise InvalidRequest(f"agent: '{v[:40]}' is not a token id.", code="invalid-filter")
        return int(v)

    def flag(v: str | None):
        return None if not v else v == "true"

    return Filters(
        when(params.get("since")),
        when(params.get("until")),
        number(params.get("agent")),
        params.get("language") or None,
        params.get("culture") or None,
        params.get("prompt_version") or None,
        params.get("drafter") or None,
        flag(params.get("degraded")),
        params.get("outcome") or None,
        flag(params.get("scored")),
        params.get("q") or None,
        params.get("intent") or None,
        params.get("sentiment") or None,
        params.get("urgency") or None,
    )


@router.get("")
async def qa_list(request: Request, user: User) -> Response:
    services = request.app.state.services
    params = {k: v for k, v in request.query_params.items() if k in FILTER_KEYS and v}
    try:
        items, next_cursor = await run_in_threadpool(
            services.qa.page, _filters(params), request.query_params.get("cursor"), 50
        )
    except (ValueError, TactfulError) as e:
        return _page("qa_list.html", request, user, items=[], params=params, error=str(e), next_url=None)
    next_url = f"/console/qa?{urlencode({**params, 'cursor': next_cursor})}" if next_cursor else None
    return _page(
        "qa_list.html",
        request,
        user,
        items=items,
        params=params,
        next_url=next_url,
        export=urlencode(params),
        message=request.query_params.get("message", ""),
    )


@router.get("/queue")
async def qa_queue(request: Request, user: User) -> Response:
    ids = await run_in_threadpool(request.app.state.services.qa.queue, 20)
    if not ids:
        return _back("/console/qa", message="Every suggestion has a review.")
    return RedirectResponse(f"/console/qa/s/{ids[0]}?queue=1", status_code=303)


@router.get("/metrics")
async def qa_metrics(request: Request, user: User, by: str = "language") -> Response:
    services = request.app.state.services
    params = {k: v for k, v in request.query_params.items() if k in FILTER_KEYS and v}
    if "since" not in params:
        params["since"] = (datetime.now().astimezone() - timedelta(days=30)).date().isoformat()
    filters = _filters(params)
    data = await run_in_threadpool(
        services.reviews.metrics,
        filters,
        by if by in ("language", "culture", "prompt_version", "agent", "team") else "language",
    )
    kpi_by = request.query_params.get("kpi_by", "person")
    kpi_by = kpi_by if kpi_by in KPI_GROUPS else "person"
    conversations = await run_in_threadpool(
        lambda: conversation_kpis(kpi_rows(services.db, filters, CULTURE_CRITERIA))
    )
    return _page(
        "qa_metrics.html",
        request,
        user,
        data=data,
        params=params,
        by=data["by"],
        kpi_by=kpi_by,
        kpi_groups=KPI_GROUPS,
        kpis=kpis_by(conversations, kpi_by),
        kpi_overall=summarize_kpis(conversations),
        export=urlencode(params),
    )


@router.get("/proposals")
async def qa_proposals(request: Request, user: User) -> Response:
    services = request.app.state.services

    def run() -> list[dict[str, Any]]:
        edits = services.qa.edited_events(datetime.now().astimezone() - timedelta(days=30))
        return propose(edits, services.content.current().library, 2)

    repo = CorrectionRepository(services.db)
    waiting, counts = await run_in_threadpool(repo.proposed), await run_in_threadpool(repo.counts)
    titles = {a.id: a.title for a in services.content.current().library.articles.values()}
    return _page(
        "qa_proposals.html",
        request,
        user,
        proposals=await run_in_threadpool(run),
        corrections=waiting,
        correction_counts=counts,
        titles=titles,
        message=request.query_params.get("message", ""),
        error=request.query_params.get("error", ""),
    )


@router.post("/proposals/accept")
async def accept_proposal(request: Request, user: User) -> Response:
    _editor(user)
    form = await request.form()
    content = {f: str(form.get(f, "")) for f in curation.PHRASE_FIELDS}
    try:
        item = await run_in_threadpool(
            request.app.state.services.curation.save,
            "phrase",
            content,
            actor(user),
            "proposed from recurring agent edits",
        )
    except TactfulError as e:
        return _back("/console/qa/proposals", error=e.detail)
    return _back(
        f"/console/item/{item.key}",
        message=f"Draft version {item.version} created from agents' edits: preview and publish.",
    )


@router.get("/s/{suggestion_id}")
async def qa_detail(request: Request, user: User, suggestion_id: str, queue: str = "") -> Response:
    services = request.app.state.services
    try:
        detail = await run_in_threadpool(services.reviews.detail, suggestion_id)
    except TactfulError as e:
        return _back("/console/qa", message=e.detail)
    return _page(
        "qa_detail.html",
        request,
        user,
        s=detail,
        rubric=services.content.current().rubric,
        queue=queue,
        message=request.query_params.get("message", ""),
        error=request.query_params.get("error", ""),
    )


@router.post("/s/{suggestion_id}/review")
async def qa_review(request: Request, user: User, suggestion_id: str) -> Response:
    services = request.app.state.services
    form = await request.form()
    rubric = services.content.current().rubric
    untouched = [c["label"] or c["id"] for c in rubric["criteria"] if not form.get(f"score_{c['id']}")]
    if untouched:  # an untouched form is not a perfect score
        return _back(
            f"/console/qa/s/{suggestion_id}",
            error=f"Score every criterion first (not scored: {', '.join(untouched)}).",
        )
    try:
        scores = {c["id"]: int(str(form.get(f"score_{c['id']}") or 0)) for c in rubric["criteria"]}
        check_scores(rubric, scores)
    except (ValueError, TactfulError) as e:
        return _back(f"/console/qa/s/{suggestion_id}", error=getattr(e, "detail", str(e)))
    await run_in_threadpool(
        services.qa.add_review,
        Review(
            suggestion_id=suggestion_id,
            reviewer=actor(user),
            reviewer_token_id=user.id,
            rubric_version=rubric["version"],
            scores=scores,
            comment=str(form.get("comment") or ""),
        ),
    )
    if form.get("queue"):
        return RedirectResponse("/console/qa/queue", status_code=303)
    return _back(f"/console/qa/s/{suggestion_id}", message="Review saved.")


@router.post("/corrections/{correction_id}/{decision}")
async def decide_correction(
    request: Request,
    user: User,
    correction_id: Annotated[int, FastPath(ge=1, le=DB_INT)],
    decision: Literal["accept", "reject"],
) -> Response:
    _editor(user)
    try:
        await run_in_threadpool(
            request.app.state.services.curation.decide_correction,
            correction_id,
            decision == "accept",
            actor(user),
        )
    except TactfulError as e:
        return _back("/console/qa/proposals", error=e.detail)
    return _back(
        "/console/qa/proposals",
        message=f"Correction {correction_id} {decision}ed."
        + (" The question is now part of the article." if decision == "accept" else ""),
    )
