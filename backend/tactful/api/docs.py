"""/docs: the OpenAPI explorer from the installed swagger-ui-bundle package (no CDN, no inline script), under the
same Content-Security-Policy as the console, since admins paste tokens there."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tactful API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>"""

_INIT = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  persistAuthorization: false});"""


@router.get("/docs")
async def docs() -> HTMLResponse:
    return HTMLResponse(_PAGE)


@router.get("/docs/init.js")
async def init() -> PlainTextResponse:
    return PlainTextResponse(_INIT, media_type="text/javascript")


def mount_docs(app: FastAPI) -> None:
    import swagger_ui_bundle

    app.include_router(router)
    app.mount(
        "/docs/static", StaticFiles(directory=Path(swagger_ui_bundle.swagger_ui_path)), name="docs-static"
    )
