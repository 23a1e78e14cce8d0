"""The FastAPI application, built from settings (`create_app(settings)`); no work happens at import."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from .api import compose, conversations, corrections, library, practice, qa, suggestions, system
from .api.docs import mount_docs
from .api.problems import RequestContextMiddleware, install_problem_handlers
from .console import library_routes as console_library
from .console import practice_routes as console_practice
from .console import qa_routes as console_qa
from .console import routes as console
from .console import tools_routes as console_tools
from .demo import routes as demo
from .knowledge.ingest import KB_COLLECTION
from .services import Services, build_services
from .settings import Settings

log = logging.getLogger(__name__)


async def _purge_daily(services: Services) -> None:
    """Applies the retention setting once a day while the server runs (it is applied at start too)."""
    days = services.settings.privacy.retention_days
    while days > 0:
        await asyncio.sleep(24 * 3600)
        purged = await run_in_threadpool(services.suggestions.purge_older_than, days)
        log.info("retention: deleted %d suggestions older than %d days", purged, days)


MIN_FREE_BYTES = 64 * 1024 * 1024


def _writable(services: Services) -> bool:
    """The embedded database can take a write now (not locked by another process) and its disk has room."""
    import shutil
    import sqlite3

    url = str(services.db.engine.url)
    if not url.startswith("sqlite") or url.endswith(":memory:"):
        return True
    path = services.db.engine.url.database or ""
    try:
        if shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free < MIN_FREE_BYTES:
            log.error("readiness: less than %d MB free beside %s", MIN_FREE_BYTES // 2**20, path)
            return False
        probe = sqlite3.connect(path, timeout=0.3, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")  # takes the write lock, then gives it back at once
            probe.execute("ROLLBACK")
        finally:
            probe.close()
        return True
    except (OSError, sqlite3.Error) as e:
        log.error("readiness: the database cannot take a write: %s", e)
        return False


def readiness(services: Services) -> dict[str, bool]:
    from sqlalchemy import text

    checks = {}
    try:
        with services.db.session() as s:
            s.execute(text("SELECT 1"))
        checks["database"] = True
    except Exception:  # noqa: BLE001 - reported, not raised
        log.exception("readiness: database")
        checks["database"] = False
    try:
        services.index.query(KB_COLLECTION, services.embedder.embed_query("ready"), 1)
        checks["vector_index"] = True
    except Exception:  # noqa: BLE001
        log.exception("readiness: vector index")
        checks["vector_index"] = False
    checks["writable"] = _writable(services)
    checks["content"] = services.content.reload_error is None  # a failed reload serves the last good library
    return checks


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        app.state.services = services or await run_in_threadpool(build_services, settings)
        purger = asyncio.create_task(_purge_daily(app.state.services))
        try:
            yield
        finally:
            purger.cancel()
            if owned:
                app.state.services.close()

    app = FastAPI(
        title="Tactful",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Reply drafts for support agents in the customer's language and register.",
    )
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(RequestContextMiddleware, max_bytes=settings.limits.max_request_bytes)

    api = APIRouter(prefix="/api/v1")
    api.include_router(suggestions.router)
    api.include_router(system.router)
    api.include_router(library.router)
    api.include_router(qa.router)
    api.include_router(conversations.router)
    api.include_router(practice.router)
    api.include_router(corrections.router)
    api.include_router(compose.router)
    app.include_router(api)
    app.include_router(demo.router)
    mount_docs(app)
    app.include_router(console.router)
    app.include_router(console_library.router)
    app.include_router(console_tools.router)
    app.include_router(console_qa.router)
    app.include_router(console_practice.router)
    app.add_exception_handler(
        console.SignInNeeded, lambda request, exc: RedirectResponse("/console/login", 303)
    )
    app.add_exception_handler(
        console.PracticeOnly, lambda request, exc: RedirectResponse("/console/practice", 303)
    )

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        """Ready when the database and the vector index answer; a proxy stops routing to a worker that is not."""
        checks = await run_in_threadpool(readiness, app.state.services)
        return JSONResponse(
            {"ready": all(checks.values()), "checks": checks},
            status_code=200 if all(checks.values()) else 503,
        )

    return app
