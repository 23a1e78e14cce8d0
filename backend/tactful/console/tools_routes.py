"""The console's library tools: search as the copilot retrieves, an article's chunks, the re-index, the audit
log, and phrasing import and export."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import InvalidRequest, TactfulError
from ..library.curation import actor
from .routes import User, _back, _editor, _page

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/search")
async def search_page(request: Request, user: User, q: str = "", language: str = "") -> HTMLResponse:
    services = request.app.state.services
    result, error = None, ""
    if q:
        try:
            result = await run_in_threadpool(services.library_tools.search, q, language or None)
        except TactfulError as e:
            error = e.detail
    return _page("search.html", request, user, q=q, language=language, result=result, error=error)


@router.get("/articles/{article_id}/chunks")
async def chunks_page(request: Request, user: User, article_id: str) -> HTMLResponse:
    services = request.app.state.services
    chunks = await run_in_threadpool(services.library_tools.article_chunks, article_id)
    return _page("chunks.html", request, user, article_id=article_id, chunks=chunks)


@router.post("/reindex")
async def reindex(request: Request, user: User) -> Response:
    _editor(user)
    request.app.state.services.library_tools.start_reindex()
    return RedirectResponse("/console/reindex", status_code=303)


@router.get("/reindex")
async def reindex_page(request: Request, user: User) -> HTMLResponse:
    status = request.app.state.services.library_tools.reindex_status()
    return _page("reindex.html", request, user, status=status)


@router.get("/audit")
async def audit_page(request: Request, user: User, key: str = "") -> HTMLResponse:
    services = request.app.state.services
    return _page("audit.html", request, user, entries=services.library_store.audit(key or None, 300), key=key)


@router.get("/export/phrases.{fmt}")
async def export(request: Request, user: User, fmt: Literal["csv", "yaml"]) -> PlainTextResponse:
    text = await run_in_threadpool(request.app.state.services.curation.export_phrases, fmt)
    return PlainTextResponse(text, headers={"Content-Disposition": f'attachment; filename="phrases.{fmt}"'})


@router.post("/import/phrases")
async def import_(request: Request, user: User, upload: UploadFile) -> Response:
    _editor(user)
    fmt = "yaml" if (upload.filename or "").endswith((".yaml", ".yml")) else "csv"
    try:
        raw = await upload.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidRequest(
                "The file is not UTF-8 text: save it as UTF-8 and import again.", code="not-utf8"
            ) from e
        result = await run_in_threadpool(
            request.app.state.services.curation.import_phrases, text, fmt, actor(user)
        )
    except TactfulError as e:
        return _back("/console/library/phrase", error=e.detail)
    return _back(
        "/console/library/phrase", message=f"Imported {result['rows']} rows: {result['changed']} changed."
    )
