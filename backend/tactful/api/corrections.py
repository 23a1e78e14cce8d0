"""Agents' corrections on drafts, the article list they pick the right one from, and supervisors' decisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..errors import InvalidRequest
from ..language.tags import phrasing_language
from ..library.curation import actor
from ..records.corrections import CorrectionRepository
from ..records.db import DB_INT
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require

router = APIRouter(tags=["corrections"])
AgentDep = Annotated[TokenInfo, Depends(require("agent", "supervisor"))]
Anyone = Annotated[TokenInfo, Depends(require("agent", "supervisor", "qa"))]
Reviewer = Annotated[TokenInfo, Depends(require("supervisor", "qa"))]
Editor = Annotated[TokenInfo, Depends(require("supervisor"))]


class CorrectionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["good", "wrong_article", "wrong_language", "wrong_tone"]
    draft_id: str | None = Field(None, max_length=40)
    article_id: str | None = Field(None, max_length=200)  # the right article, for wrong_article


@router.get("/articles")
async def articles(
    services: ServicesDep, _: Anyone, q: str = Query("", max_length=200)
) -> list[dict[str, str]]:
    """The knowledge base's articles (id and title), filtered by words of the title; for picking the right one."""
    library = services.content.current().library
    words = q.lower().split()
    return [
        {"id": a.id, "title": a.title}
        for a in sorted(library.articles.values(), key=lambda a: a.title)
        if all(w in a.title.lower() or w in a.id for w in words)
    ]


@router.post("/suggestions/{suggestion_id}/corrections", status_code=201)
async def correct(
    suggestion_id: Annotated[str, Path(max_length=64)],
    body: CorrectionBody,
    services: ServicesDep,
    token: AgentDep,
) -> dict[str, Any]:
    def run() -> dict[str, Any]:
        record = services.flow.load_own(suggestion_id, token.id, token.role)
        if body.draft_id and body.draft_id not in {d["id"] for d in record.drafts}:
            raise InvalidRequest(
                f"draft_id: '{body.draft_id}' is not a draft of this suggestion.", code="unknown-draft"
            )
        if body.kind == "wrong_article":
            if not body.article_id:
                raise InvalidRequest(
                    "article_id: say which article answers the customer.", code="article-required"
                )
            if body.article_id not in services.content.current().library.articles:
                raise InvalidRequest(f"article_id: no article '{body.article_id}'.", code="unknown-article")
        question = next(
            (m["text"] for m in reversed(record.request.get("messages", [])) if m["role"] == "customer"), None
        )
        return CorrectionRepository(services.db).add(
            suggestion_id=suggestion_id,
            kind=body.kind,
            draft_id=body.draft_id,
            article_id=body.article_id,
            question=question if body.kind == "wrong_article" else None,
            language=phrasing_language(record.language_tag),
            token_id=token.id,
        )

    return await run_in_threadpool(run)


@router.get("/qa/corrections")
async def proposed(services: ServicesDep, _: Reviewer) -> dict[str, Any]:
    repo = CorrectionRepository(services.db)
    return {
        "proposed": await run_in_threadpool(repo.proposed),
        "counts": await run_in_threadpool(repo.counts),
    }


@router.post("/qa/corrections/{correction_id}/{decision}")
async def decide(
    correction_id: Annotated[int, Path(ge=1, le=DB_INT)],
    decision: Literal["accept", "reject"],
    services: ServicesDep,
    token: Editor,
) -> dict[str, Any]:
    """Accepting adds the customer's question to the right article (a new, published, audited version)."""
    return await run_in_threadpool(
        services.curation.decide_correction, correction_id, decision == "accept", actor(token)
    )
