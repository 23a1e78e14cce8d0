"""The demo helpdesk page at /demo: a realistic chat UI to try the extension without a helpdesk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from ..library.seed import sample_conversations

router = APIRouter(prefix="/demo", include_in_schema=False)
_HERE = Path(__file__).parent


@router.get("")
async def demo_page() -> FileResponse:
    return FileResponse(_HERE / "page.html", media_type="text/html")


@router.get("/demo.js")
async def demo_script() -> FileResponse:
    return FileResponse(_HERE / "demo.js", media_type="text/javascript")


@router.get("/samples.json")
async def samples(request: Request) -> list[dict[str, Any]]:
    return sample_conversations(request.app.state.services.settings.seed_dir)
