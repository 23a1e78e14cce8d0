"""/api/v1/library: the versioned phrasing library, prompt templates, culture profiles and KB, for
automation and for the console. Reads: supervisor, qa, admin. Changes: supervisor, admin."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi import Path as FastPath
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..library.curation import actor, filter_items
from ..records.db import DB_INT
from ..records.library import diff_text
from ..records.tokens import TokenInfo
from .deps import ServicesDep, require
from .schemas import ConversationRequest

router = APIRouter(prefix="/library", tags=["library"])
Reader = Annotated[TokenInfo, Depends(require("supervisor", "qa"))]
Editor = Annotated[TokenInfo, Depends(require("supervisor"))]
Kind = Literal["phrase", "article", "culture", "prompt", "intent", "scenario", "helpdesk"]


class SaveBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    content: dict[str, Any]
    note: str = Field("", max_length=500)
    publish: bool = False


class RollbackBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, le=DB_INT)


class PreviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(max_length=300)
    version: int | None = Field(None, ge=1, le=DB_INT)
    conversation: ConversationRequest


class SearchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(max_length=4000)
    language: str | None = None


@router.get("/audit")
async def audit(
    services: ServicesDep, _: Reader, key: str | None = None, limit: int = Query(200, ge=1, le=1000)
) -> list[dict]:
    return await run_in_threadpool(services.library_store.audit, key, limit)


@router.get("/export/phrases")
async def export_phrases(
    services: ServicesDep, _: Reader, format: Literal["csv", "yaml"] = "csv"
) -> PlainTextResponse:
    text = await run_in_threadpool(services.curation.export_phrases, format)
    media = "text/csv" if format == "csv" else "application/yaml"
    return PlainTextResponse(
        text, media_type=media, headers={"Content-Disposition": f'attachment; filename="phrases.{format}"'}
    )


@router.post("/import/phrases")
async def import_phrases(services: ServicesDep, token: Editor, body: dict[str, str]) -> dict[str, int]:
    """Body: {"format": "csv"|"yaml", "text": "..."}; validated whole before anything is stored."""
    fmt = body.get("format", "csv")
    return await run_in_threadpool(services.curation.import_phrases, body.get("text", ""), fmt, actor(token))


@router.post("/preview")
async def preview(body: PreviewBody, services: ServicesDep, _: Reader) -> dict[str, Any]:
    conversation = body.conversation.model_dump(exclude_none=True)
    return await run_in_threadpool(services.library_tools.preview, body.key, body.version, conversation)


@router.post("/search")
async def search(body: SearchBody, services: ServicesDep, _: Reader) -> dict[str, Any]:
    return await run_in_threadpool(services.library_tools.search, body.query, body.language)


@router.post("/reindex", status_code=202)
async def reindex(services: ServicesDep, _: Editor) -> dict[str, Any]:
    """Starts re-indexing in the background; poll GET /library/reindex for progress."""
    return services.library_tools.start_reindex()


@router.get("/reindex")
async def reindex_status(services: ServicesDep, _: Reader) -> dict[str, Any]:
    return services.library_tools.reindex_status()


@router.get("/articles/{article_id}/chunks")
async def chunks(article_id: str, services: ServicesDep, _: Reader) -> list[str]:
    return await run_in_threadpool(services.library_tools.article_chunks, article_id)


@router.get("/items/{key}")
async def versions(key: str, services: ServicesDep, _: Reader) -> list[dict[str, Any]]:
    items = await run_in_threadpool(services.library_store.versions, key)
    if not items:
        services.library_store.get(key)  # raises library-item-not-found
    return [i.as_dict() for i in items]


@router.get("/items/{key}/diff")
async def diff(
    key: str,
    services: ServicesDep,
    _: Reader,
    a: int = Query(..., alias="from", ge=1, le=DB_INT),
    b: int = Query(..., alias="to", ge=1, le=DB_INT),
) -> dict[str, Any]:
    left, right = services.library_store.get(key, a), services.library_store.get(key, b)
    return {"key": key, "from": a, "to": b, "diff": diff_text(left.content, right.content, f"v{a}", f"v{b}")}


@router.post("/items/{key}/versions/{version}/publish")
async def publish(
    key: str, version: Annotated[int, FastPath(ge=1, le=DB_INT)], services: ServicesDep, token: Editor
) -> dict[str, Any]:
    return (await run_in_threadpool(services.curation.publish, key, version, actor(token))).as_dict()


@router.post("/items/{key}/retire", status_code=204)
async def retire(key: str, services: ServicesDep, token: Editor) -> None:
    await run_in_threadpool(services.curation.retire, key, actor(token))


@router.post("/items/{key}/rollback")
async def rollback(key: str, body: RollbackBody, services: ServicesDep, token: Editor) -> dict[str, Any]:
    return (await run_in_threadpool(services.curation.rollback, key, body.version, actor(token))).as_dict()


@router.get("/{kind}")
async def browse(
    kind: Kind,
    services: ServicesDep,
    _: Reader,
    status: str | None = None,
    language: str | None = None,
    stage: str | None = None,
    register: str | None = None,
    q: str | None = None,
) -> list[dict[str, Any]]:
    items = await run_in_threadpool(services.library_store.latest, kind)
    return [i.as_dict() for i in filter_items(items, status, language, stage, register, q)]


@router.post("/{kind}", status_code=201)
async def save(kind: Kind, body: SaveBody, services: ServicesDep, token: Editor) -> dict[str, Any]:
    item = await run_in_threadpool(
        services.curation.save, kind, body.content, actor(token), body.note, body.publish
    )
    return item.as_dict()
