"""/api/v1/qa: review logged suggestions, score them with the rubric, and read quality metrics.
Roles: qa, supervisor (read), admin; scoring: qa, supervisor, admin."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..csv_cells import cell
from ..library.curation import actor
from ..qa import metrics
from ..qa.kpis import CULTURE_CRITERIA, conversation_kpis, kpis_by, summarize_kpis
from ..qa.proposals import propose
from ..records.qa import Filters, kpi_rows
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require

router = APIRouter(prefix="/qa", tags=["qa"])
QA = Annotated[TokenInfo, Depends(require("qa", "supervisor"))]


def filters(
    since: datetime | None = None,
    until: datetime | None = None,
    agent: int | None = Query(None, ge=1, le=2**31 - 1),
    language: str | None = None,
    culture: str | None = None,
    prompt_version: str | None = None,
    drafter: Literal["offline", "llm"] | None = None,
    degraded: bool | None = None,
    outcome: Literal["none", "inserted", "sent_as_is", "edited", "dismissed"] | None = None,
    scored: bool | None = None,
    q: str | None = Query(None, max_length=200),
    intent: str | None = Query(None, max_length=60),
    sentiment: Literal["negative", "neutral", "positive"] | None = None,
    urgency: Literal["high", "medium", "low"] | None = None,
) -> Filters:
    return Filters(
        since,
        until,
        agent,
        language,
        culture,
        prompt_version,
        drafter,
        degraded,
        outcome,
        scored,
        q,
        intent,
        sentiment,
        urgency,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scores: dict[str, int]
    comment: str = Field("", max_length=4000)


@router.get("/suggestions")
async def list_suggestions(
    services: ServicesDep,
    _: QA,
    f: FiltersDep,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=500),
) -> dict[str, Any]:
    items, next_cursor = await run_in_threadpool(services.qa.page, f, cursor, limit)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/suggestions/{suggestion_id}")
async def detail(suggestion_id: str, services: ServicesDep, _: QA) -> dict[str, Any]:
    return await run_in_threadpool(services.reviews.detail, suggestion_id)


@router.post("/suggestions/{suggestion_id}/reviews", status_code=201)
async def score(suggestion_id: str, body: ReviewBody, services: ServicesDep, token: QA) -> dict[str, Any]:
    def save() -> dict[str, Any]:
        review = services.reviews.score(suggestion_id, actor(token), token.id, body.scores, body.comment)
        return {
            "id": review.id,
            "suggestion_id": suggestion_id,
            "rubric_version": review.rubric_version,
            "scores": review.scores,
            "comment": review.comment,
        }

    return await run_in_threadpool(save)


@router.get("/rubric")
async def rubric(services: ServicesDep, _: QA) -> dict[str, Any]:
    return services.content.current().rubric


@router.get("/queue")
async def queue(services: ServicesDep, token: QA, n: int = Query(10, ge=1, le=100)) -> list[str]:
    return await run_in_threadpool(services.qa.queue, n)


@router.get("/metrics")
async def metrics_(
    services: ServicesDep,
    _: QA,
    f: FiltersDep,
    by: Literal["language", "culture", "prompt_version", "agent", "team"] = "language",
) -> dict[str, Any]:
    return await run_in_threadpool(services.reviews.metrics, f, by)


@router.get("/kpis")
async def kpis(
    services: ServicesDep,
    _: QA,
    f: FiltersDep,
    by: Literal["person", "team", "language", "culture"] = "person",
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Time to first response, handle time, drafts used, first-contact resolution and cultural adaptability, per
    conversation and grouped (see qa/kpis.py for the definitions); CSV has one row per conversation."""
    conversations = await run_in_threadpool(
        lambda: conversation_kpis(kpi_rows(services.db, f, CULTURE_CRITERIA))
    )
    if format == "csv":
        buffer = io.StringIO()
        fields = list(conversations[0]) if conversations else ["conversation_id"]
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in c.items()} for c in conversations)
        return PlainTextResponse(
            buffer.getvalue(),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="tactful-kpis.csv"'},
        )
    return {
        "by": by,
        "overall": summarize_kpis(conversations),
        "groups": kpis_by(conversations, by),
        "definitions": {
            "first_response_s": "first agent message after the first customer message, in seconds",
            "handle_s": "last message minus first message, in seconds",
            "drafts_used_rate": "agent messages that were a sent draft / all agent messages",
            "first_contact_resolution": "conversations that reached a closing and were not reopened",
            "cultural_adaptability": "mean of the rubric's culture criteria (register and cultural fit)",
        },
    }


@router.get("/edit-proposals")
async def edit_proposals(
    services: ServicesDep, _: QA, days: int = Query(30, ge=1, le=365), min_count: int = Query(2, ge=1)
) -> list[dict[str, Any]]:
    def run() -> list[dict[str, Any]]:
        edits = services.qa.edited_events(datetime.now().astimezone() - timedelta(days=days))
        return propose(edits, services.content.current().library, min_count)

    return await run_in_threadpool(run)


@router.get("/export")
async def export(
    services: ServicesDep,
    _: QA,
    f: FiltersDep,
    what: Literal["records", "reviews", "metrics"] = "records",
    format: Literal["csv", "jsonl"] = "jsonl",
) -> PlainTextResponse:
    rows = await run_in_threadpool(export_rows, services, f, what)
    if format == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    else:
        buffer = io.StringIO()
        fields = sorted({k for r in rows for k in r})
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        writer.writerows(
            {
                k: cell(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                for k, v in r.items()
            }
            for r in rows
        )
        text = buffer.getvalue()
    return PlainTextResponse(
        text,
        media_type="application/jsonl" if format == "jsonl" else "text/csv",
        headers={"Content-Disposition": f'attachment; filename="tactful-{what}.{format}"'},
    )


def export_rows(services, f: Filters, what: str) -> list[dict[str, Any]]:
    if what == "reviews":
        return services.qa.reviews(filters=f)
    if what == "metrics":
        return [
            {"by": by, **g}
            for by in metrics.GROUPS
            for g in metrics.breakdown(services.qa.metric_rows(f), services.qa.reviews(filters=f), by)
        ]
    items, cursor, out = [], None, []
    while True:
        items, cursor = services.qa.page(f, cursor, 500)
        out.extend(items)
        if not cursor:
            return out
