"""The supervisor console at /console: server-rendered pages over the same operations as /api/v1/library.

Sign-in takes a token and starts a server-side session: the browser keeps a random session secret (HttpOnly,
SameSite=Strict, Secure behind https), never the token; sessions expire after 8 hours and end server-side at
log-out. State-changing requests from another origin (another port of the same host included) are refused.
Pages and actions are shown by role. Errors are shown on the page, with the problem's own message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi import Path as FastPath
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from ..errors import Forbidden, InvalidRequest, TactfulError
from ..library import curation
from ..library.curation import actor, filter_items
from ..library.seed import sample_conversations
from ..library.texts import STAGES
from ..records.db import DB_INT
from ..records.library import diff_text
from ..records.sessions import SESSION_HOURS, SessionRepository
from ..records.tokens import TokenInfo
from .formats import from_text, to_text, upload_to_body

router = APIRouter(prefix="/console", include_in_schema=False)
_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
)
COOKIE = "tactful_console"
CONSOLE_ROLES = {"supervisor", "qa", "admin"}
EDITORS = {"supervisor", "admin"}
KIND_TITLES = {
    "phrase": "Phrasing",
    "prompt": "Prompt templates",
    "culture": "Culture profiles",
    "article": "Knowledge base",
    "rubric": "QA rubric",
    "intent": "Intents",
    "scenario": "Practice scenarios",
}


class SignInNeeded(Exception):
    pass


class PracticeOnly(Exception):
    """An agent signed in to the console: they have the practice pages only."""


def _page(
    name: str, request: Request, user: TokenInfo | None, http_status: int = 200, **context: Any
) -> HTMLResponse:
    template = _env.get_template(name)
    problem = request.app.state.services.content.reload_error if user else None
    return HTMLResponse(
        template.render(
            request=request,
            user=user,
            kinds=KIND_TITLES,
            staff=bool(user and user.role in CONSOLE_ROLES),
            can_edit=bool(user and user.role in EDITORS),
            library_problem=problem,
            **context,
        ),
        status_code=http_status,
    )


def _sessions(request: Request) -> SessionRepository:
    return SessionRepository(request.app.state.services.db)


def same_origin(request: Request) -> None:
    """CSRF: a state-changing request must come from the console's own origin. Browsers say where a request
    comes from (Sec-Fetch-Site, Origin); SameSite cookies alone let a page on another port of the host through."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        raise Forbidden(
            f"Refused a {site} request: console changes must come from the console itself.",
            code="cross-origin",
        )
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
        forwarded = request.headers.get("x-forwarded-proto")
        allowed = {own} | ({f"{forwarded}://{request.headers.get('host', '')}"} if forwarded else set())
        if origin not in allowed:
            raise Forbidden(
                f"Refused a request from {origin[:80]}: console changes must come from the console itself.",
                code="cross-origin",
            )
    elif origin == "null":
        raise Forbidden("Refused a request from an opaque origin.", code="cross-origin")


async def _signed_in(request: Request) -> TokenInfo | None:
    same_origin(request)
    secret = request.cookies.get(COOKIE)
    return await run_in_threadpool(_sessions(request).verify, secret) if secret else None


async def console_user(request: Request) -> TokenInfo:
    info = await _signed_in(request)
    if info is None:
        raise SignInNeeded()
    if info.role not in CONSOLE_ROLES:
        raise PracticeOnly()
    return info


async def practice_user(request: Request) -> TokenInfo:
    """Anyone signed in, agents included (practice mode)."""
    info = await _signed_in(request)
    if info is None:
        raise SignInNeeded()
    return info


User = Annotated[TokenInfo, Depends(console_user)]
AnyUser = Annotated[TokenInfo, Depends(practice_user)]


def _editor(user: TokenInfo) -> None:
    if user.role not in EDITORS:
        raise TactfulError("Only supervisors and admins change the library.", code="forbidden")


def _back(url: str, message: str = "", error: str = "") -> RedirectResponse:
    sep = "&" if "?" in url else "?"
    if message:
        url += f"{sep}message={quote(message)}"
    if error:
        url += f"{sep}error={quote(error)}"
    return RedirectResponse(url, status_code=303)


@router.get("/login")
async def login_page(request: Request, error: str = "") -> HTMLResponse:
    return _page("login.html", request, None, error=error)


@router.post("/login")
async def login(request: Request, token: Annotated[str, Form()]) -> Response:
    same_origin(request)
    services = request.app.state.services
    info = await run_in_threadpool(services.tokens.verify, token.strip())
    if info is None:
        return _back("/console/login", error="That token is unknown or revoked.")
    session = await run_in_threadpool(_sessions(request).create, info)
    response = RedirectResponse(
        "/console" if info.role in CONSOLE_ROLES else "/console/practice", status_code=303
    )
    https = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="strict",
        secure=https,
        max_age=SESSION_HOURS * 3600,
        path="/",
    )
    return response


@router.get("/logout")
async def logout(request: Request) -> Response:
    secret = request.cookies.get(COOKIE)
    if secret:
        await run_in_threadpool(_sessions(request).revoke, secret)
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("")
async def home(request: Request, user: User) -> HTMLResponse:
    services = request.app.state.services
    counts = {kind: len(services.library_store.published(kind)) for kind in KIND_TITLES}
    return _page("home.html", request, user, counts=counts, audit=services.library_store.audit(limit=10))


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
    request.app.state.services.library_tools.reindex.start(request.app.state.services.library_tools)
    return RedirectResponse("/console/reindex", status_code=303)


@router.get("/reindex")
async def reindex_page(request: Request, user: User) -> HTMLResponse:
    status = dict(request.app.state.services.library_tools.reindex.status)
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
