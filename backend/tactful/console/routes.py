"""The supervisor console at /console: server-rendered pages over the same operations as /api/v1/library.

Sign-in takes a token and starts a server-side session: the browser keeps a random session secret (HttpOnly,
SameSite=Strict, Secure behind https), never the token; sessions expire after 8 hours and end server-side at
log-out. State-changing requests from another origin (another port of the same host included) are refused.
Pages and actions are shown by role. Errors are shown on the page, with the problem's own message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from ..errors import Forbidden, TactfulError
from ..records.sessions import SESSION_HOURS, SessionRepository
from ..records.tokens import TokenInfo

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
