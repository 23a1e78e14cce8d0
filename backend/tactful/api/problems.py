"""problem+json for every error (RFC 9457), request ids, and the request size limit."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadRequest, InvalidRequest, NotFound, PayloadTooLarge, TactfulError

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"
CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def problem(
    request: Request | None, status: int, code: str, title: str, detail: str, **extra: Any
) -> JSONResponse:
    request_id = getattr(request.state, "request_id", None) if request else None
    body = {
        "type": f"https://tactful.dev/problems/{code}",
        "code": code,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path if request else None,
        "request_id": request_id,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _from_error(request: Request, e: TactfulError) -> JSONResponse:
    response = problem(request, e.status, e.code, e.title, e.detail, **e.extra)
    if "retry_after" in e.extra:
        response.headers["Retry-After"] = str(e.extra["retry_after"])
    return response


def _validation(request: Request, e: RequestValidationError) -> JSONResponse:
    errors = e.errors()
    if any(err.get("type") == "json_invalid" for err in errors):
        return _from_error(request, BadRequest("The request body is not valid JSON."))
    details = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in errors
    ]
    first = details[0] if details else {"loc": [], "msg": ""}
    where = ".".join(str(p) for p in first["loc"][1:]) or "body"
    return _from_error(request, InvalidRequest(f"{where}: {first['msg']}", extra={"errors": details}))


def _http(request: Request, e: StarletteHTTPException) -> JSONResponse:
    if e.status_code == 400 and "parsing the body" in str(e.detail):  # invalid UTF-8, nesting too deep
        return _from_error(request, BadRequest("The request body is not valid JSON (or not UTF-8)."))
    if e.status_code == 404:
        return _from_error(request, NotFound(f"No route {request.url.path}"))
    if e.status_code == 405:
        return problem(
            request, 405, "method-not-allowed", "Method not allowed", f"{request.method} is not allowed here"
        )
    return problem(request, e.status_code, "http-error", "HTTP error", str(e.detail))


def _storage(request: Request, e: Exception) -> JSONResponse:
    """The database is locked by another process, the disk is full, the connection dropped: the request can be
    retried, nothing was half-written (every write is one transaction)."""
    log.error("storage unavailable on %s: %s", request.url.path, str(e).splitlines()[0][:200])
    response = problem(
        request,
        503,
        "storage-unavailable",
        "Storage unavailable",
        "The database is busy or cannot write right now; nothing was saved. Try again shortly.",
    )
    response.headers["Retry-After"] = "5"
    return response


def _unexpected(request: Request, e: Exception) -> JSONResponse:
    # internals go to the log (with the traceback), never to the client
    log.error("unhandled error on %s", request.url.path, exc_info=(type(e), e, e.__traceback__))
    return problem(
        request,
        500,
        "internal-error",
        "Internal error",
        "Something went wrong; the request id helps the admin find it.",
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TactfulError, _from_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _storage)
    app.add_exception_handler(Exception, _unexpected)


_ID_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:")


def _request_id(given: bytes) -> str:
    """The caller's X-Request-ID when it is a plain token (it is echoed into headers and logs), else a new one."""
    if 0 < len(given) <= 64 and all(b in _ID_CHARS for b in given):
        return given.decode("ascii")
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Gives each request an id (or keeps the caller's X-Request-ID) and enforces the body size limit
    before any byte reaches JSON parsing, including chunked bodies that declare no length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = _request_id(headers.get(b"x-request-id", b""))
        scope.setdefault("state", {})["request_id"] = request_id
        declared = headers.get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, send, request_id)
            return
        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # No declared length (chunked): read it here, bounded, and replay it to the app.
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.max_bytes:
                    await self._too_large(scope, send, request_id)
                    return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}

            receive = replay

        page = scope.get("path", "").startswith(("/console", "/demo", "/docs"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers.append((b"x-request-id", request_id.encode()))
                if page:  # pages render customer and model text: no inline script may ever run there
                    headers.append((b"content-security-policy", CSP))
                    headers.append((b"x-content-type-options", b"nosniff"))
            await send(message)

        await self.app(scope, receive, send_with_id)

    async def _too_large(self, scope: Scope, send: Send, request_id: str) -> None:
        body = json.dumps(
            {
                "type": "https://tactful.dev/problems/payload-too-large",
                "code": "payload-too-large",
                "title": PayloadTooLarge.title,
                "status": 413,
                "detail": f"The request body exceeds {self.max_bytes} bytes.",
                "instance": scope.get("path"),
                "request_id": request_id,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", request_id.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
