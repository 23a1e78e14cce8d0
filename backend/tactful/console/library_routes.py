"""The console's library pages: browse, create, edit and version items, publish, roll back, retire, preview a
candidate beside the published version, search as the copilot does, re-index, audit, import and export."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi import Path as FastPath
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from ..errors import TactfulError
from ..library import curation
from ..library.curation import actor, filter_items
from ..library.seed import sample_conversations
from ..library.texts import STAGES
from ..records.db import DB_INT
from ..records.library import diff_text
from ..records.tokens import TokenInfo
from .formats import from_text, to_text, upload_to_body
from .routes import User, _back, _editor, _page

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/library/{kind}")
async def browse(
    request: Request,
    user: User,
    kind: str,
    status: str = "",
    language: str = "",
    stage: str = "",
    register: str = "",
    q: str = "",
    message: str = "",
    error: str = "",
) -> HTMLResponse:
    return await _browse_page(
        request,
        user,
        kind,
        {"status": status, "language": language, "stage": stage, "register": register, "q": q},
        message,
        error,
    )


async def _browse_page(
    request: Request,
    user: TokenInfo,
    kind: str,
    filters: dict[str, str],
    message: str = "",
    error: str = "",
    draft: dict[str, Any] | None = None,
) -> HTMLResponse:
    status, language, stage, register, q = (
        filters.get(k, "") for k in ("status", "language", "stage", "register", "q")
    )
    services = request.app.state.services
    items = await run_in_threadpool(services.library_store.latest, kind)
    shown = list(
        filter_items(items, status or None, language or None, stage or None, register or None, q or None)
    )
    languages = sorted({i.content.get("language") for i in items if i.content.get("language")})
    draft = {k: v for k, v in (draft or {}).items() if isinstance(v, str)}  # an upload's file is not echoed
    template = draft.get("text") or (to_text(kind, _new_template(kind)) if kind != "phrase" else "")
    meanings = {
        p.key: p.text
        for p in services.content.current().library.phrases
        if p.language == "en" and p.register == "formal"
    }
    return _page(
        "browse.html",
        request,
        user,
        kind=kind,
        items=shown,
        total=len(items),
        languages=languages,
        meanings=meanings,
        stages=STAGES,
        filters={"status": status, "language": language, "stage": stage, "register": register, "q": q},
        message=message,
        error=error,
        new_text=template,
        draft=draft,
        http_status=422 if error and draft else 200,
    )


def _new_template(kind: str) -> dict[str, Any]:
    if kind == "article":
        return {
            "id": "new-article",
            "title": "",
            "category": "",
            "problem": False,
            "summary": {"en": ""},
            "body": "",
        }
    if kind == "culture":
        return {
            "locale": "xx-XX",
            "name": "",
            "language": "xx",
            "register": "formal",
            "address": {"formal": ""},
            "greetings": [""],
            "closings": [""],
            "date_format": "",
            "number_format": "",
            "notes": [""],
        }
    if kind == "scenario":
        return {
            "id": "new-scenario",
            "title": "",
            "locale": "de-DE",
            "persona": {
                "name": "",
                "register": "formal",
                "temperament": "upset",
                "goal": "",
                "hidden_facts": {},
            },
            "articles": [],
            "success": {"verify": {"what": "order number", "cues": [""]}, "offer": [], "avoid": []},
            "turns": {
                t: {"text": "", "meaning": ""}
                for t in ("opening", "after_apology", "on_verification", "unresolved", "closing")
            },
        }
    if kind == "intent":
        return {"id": "new_intent", "label": {"en": ""}, "problem": False, "examples": {"en": [""]}}
    if kind == "rubric":
        return {
            "id": "default",
            "scale": [1, 5],
            "criteria": [{"id": "accuracy", "label": "", "description": ""}],
        }
    return {"text": "---\nid: new_prompt\nversion: 1\nparams: {}\n---\n## system\n\n## user\n"}


@router.post("/library/{kind}")
async def create(request: Request, user: User, kind: str) -> Response:
    _editor(user)
    services = request.app.state.services
    form = await request.form()
    try:
        upload = form.get("upload")
        content: dict[str, Any]
        if kind == "phrase":
            content = {f: str(form.get(f, "")).strip() for f in curation.PHRASE_FIELDS}
        elif kind == "article" and isinstance(upload, StarletteUpload) and upload.filename:
            content = {
                "id": str(form.get("id", "")).strip(),
                "title": str(form.get("title", "")).strip(),
                "category": str(form.get("category", "")).strip() or "general",
                "problem": False,
                "summary": {"en": str(form.get("summary", "")).strip()},
                "body": upload_to_body(upload.filename, await upload.read()),
            }
        else:
            content = from_text(kind, str(form.get("text", "")))
        item = await run_in_threadpool(
            services.curation.save,
            kind,
            content,
            actor(user),
            str(form.get("note", "")),
            bool(form.get("publish")),
        )
    except TactfulError as e:
        # Back to the form with what was typed (and the upload's fields), not an empty one.
        return await _browse_page(request, user, kind, {}, error=e.detail, draft=dict(form.items()))
    return _back(f"/console/item/{quote(item.key)}", message=f"Saved version {item.version} ({item.status}).")


def _item_context(services, key: str, a: int | None = None, b: int | None = None) -> dict[str, Any]:
    versions = services.library_store.versions(key)
    if not versions:
        raise TactfulError(f"No library item '{key}'.", code="library-item-not-found")
    newest = versions[-1]
    published = next((v for v in reversed(versions) if v.status == "published"), None)
    diff = ""
    if a and b:
        diff = diff_text(
            services.library_store.get(key, a).content,
            services.library_store.get(key, b).content,
            f"v{a}",
            f"v{b}",
        )
    samples = sample_conversations(services.settings.seed_dir)
    return {
        "key": key,
        "kind": newest.kind,
        "versions": list(reversed(versions)),
        "newest": newest,
        "published": published,
        "text": to_text(newest.kind, newest.content),
        "diff": diff,
        "a": a,
        "b": b,
        "samples": samples,
        "preview": None,
    }


@router.get("/item/{key}")
async def item_page(
    request: Request,
    user: User,
    key: str,
    a: int | None = None,
    b: int | None = None,
    message: str = "",
    error: str = "",
) -> Response:
    services = request.app.state.services
    try:
        context = await run_in_threadpool(_item_context, services, key, a, b)
    except TactfulError as e:
        return _back("/console", error=e.detail)
    return _page("item.html", request, user, message=message, error=error, **context)


@router.post("/item/{key}/save")
async def save(
    request: Request,
    user: User,
    key: str,
    text: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    _editor(user)
    services = request.app.state.services
    kind = services.library_store.get(key).kind
    form = await request.form()
    try:
        content = (
            {f: str(form.get(f, "")).strip() for f in curation.PHRASE_FIELDS}
            if kind == "phrase"
            else from_text(kind, text)
        )
        item = await run_in_threadpool(services.curation.save, kind, content, actor(user), note)
    except TactfulError as e:
        # The supervisor's edit stays in the editor, with the problem beside it; nothing is reloaded over it.
        context = await run_in_threadpool(_item_context, services, key)
        submitted = str(form.get("text", "")) if kind == "phrase" else text
        return _page(
            "item.html", request, user, error=e.detail, draft_text=submitted, http_status=422, **context
        )
    target = f"/console/item/{quote(item.key)}"
    return _back(target, message=f"Draft version {item.version} saved. Preview it, then publish.")


@router.post("/item/{key}/publish/{version}")
async def publish(
    request: Request, user: User, key: str, version: Annotated[int, FastPath(ge=1, le=DB_INT)]
) -> Response:
    _editor(user)
    services = request.app.state.services
    try:
        await run_in_threadpool(services.curation.publish, key, version, actor(user))
    except TactfulError as e:
        return _back(f"/console/item/{quote(key)}", error=e.detail)
    return _back(f"/console/item/{quote(key)}", message=f"Version {version} published.")


@router.post("/item/{key}/rollback/{version}")
async def rollback(
    request: Request, user: User, key: str, version: Annotated[int, FastPath(ge=1, le=DB_INT)]
) -> Response:
    _editor(user)
    services = request.app.state.services
    try:
        item = await run_in_threadpool(services.curation.rollback, key, version, actor(user))
    except TactfulError as e:
        return _back(f"/console/item/{quote(key)}", error=e.detail)
    return _back(
        f"/console/item/{quote(key)}",
        message=f"Rolled back: version {item.version} restores version {version}.",
    )


@router.post("/item/{key}/retire")
async def retire(request: Request, user: User, key: str) -> Response:
    _editor(user)
    services = request.app.state.services
    try:
        await run_in_threadpool(services.curation.retire, key, actor(user))
    except TactfulError as e:
        return _back(f"/console/item/{quote(key)}", error=e.detail)
    return _back(f"/console/item/{quote(key)}", message="Retired: no version is in use now.")


@router.post("/item/{key}/preview")
async def preview(request: Request, user: User, key: str) -> HTMLResponse:
    services = request.app.state.services
    form = await request.form()
    raw = str(form.get("version") or "")
    version = int(raw) if raw.isdigit() and 0 < int(raw) <= DB_INT else None
    context = await run_in_threadpool(_item_context, services, key)
    conversation = _preview_conversation(services, form)
    try:
        result = await run_in_threadpool(services.library_tools.preview, key, version, conversation)
    except TactfulError as e:
        return _page("item.html", request, user, error=e.detail, **context)
    published = [d["text"] for d in result["published"]["drafts"]]
    marked = [
        _changed_words(published[i] if i < len(published) else "", d["text"])
        for i, d in enumerate(result["candidate"]["drafts"])
    ]
    return _page(
        "item.html",
        request,
        user,
        **{
            **context,
            "preview": result,
            "preview_version": version,
            "preview_on": conversation,
            "marked": marked,
        },
    )


def _changed_words(before: str, after: str) -> list[tuple[str, bool]]:
    """`after` as (text, changed) runs against `before`, word by word: the preview marks what the candidate changes."""
    import difflib

    a, b = before.split(" "), after.split(" ")
    runs: list[tuple[str, bool]] = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if j2 > j1:
            runs.append((" ".join(b[j1:j2]) + " ", tag != "equal"))
    return runs


def _preview_conversation(services, form) -> dict[str, Any]:
    sample_id = str(form.get("sample") or "")
    pasted = str(form.get("customer_text") or "").strip()
    if pasted:
        return {
            "messages": [{"role": "customer", "text": pasted}],
            "customer": {"locale": str(form.get("locale") or "") or None},
        }
    samples = sample_conversations(services.settings.seed_dir)
    sample = next((s for s in samples if s["id"] == sample_id), samples[0])
    return {"messages": sample["messages"], "customer": sample.get("customer") or {}}
