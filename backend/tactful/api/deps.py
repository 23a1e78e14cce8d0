"""Dependencies shared by routers: the services container and bearer-token access by role."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from ..errors import Forbidden, RateLimited, Unauthorized
from ..records.tokens import TokenInfo
from ..services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


async def current_token(request: Request, services: ServicesDep) -> TokenInfo:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized(
            "Send 'Authorization: Bearer <token>'; create one with `tactful token create --role agent`."
        )
    info = await run_in_threadpool(services.tokens.verify, secret.strip())
    if info is None:
        raise Unauthorized("The token is unknown or revoked.")
    _limiter(request).check(info.id, services.settings.limits.requests_per_minute)
    return info


class TokenRateLimiter:
    """A sliding one-minute window per token, per worker process (several workers each allow the rate)."""

    def __init__(self) -> None:
        self._hits: dict[int, list[float]] = {}
        self._lock = threading.Lock()

    def check(self, token_id: int, per_minute: int) -> None:
        if per_minute <= 0:
            return
        now = time.monotonic()
        with self._lock:
            hits = [t for t in self._hits.get(token_id, []) if now - t < 60.0]
            if len(hits) >= per_minute:
                retry = max(1, int(60.0 - (now - hits[0])) + 1)
                self._hits[token_id] = hits
                raise RateLimited(
                    f"More than {per_minute} requests a minute with this token; retry in {retry} s.",
                    retry_after=retry,
                )
            hits.append(now)
            self._hits[token_id] = hits


def _limiter(request: Request) -> TokenRateLimiter:
    state = request.app.state
    if not hasattr(state, "rate_limiter"):
        state.rate_limiter = TokenRateLimiter()
    return state.rate_limiter


TokenDep = Annotated[TokenInfo, Depends(current_token)]


def require(*roles: str) -> Callable:
    allowed = set(roles) | {"admin"}

    async def check(token: TokenDep) -> TokenInfo:
        if token.role not in allowed:
            raise Forbidden(
                f"This needs one of the roles: {', '.join(sorted(allowed))}; your token is '{token.role}'."
            )
        return token

    return check
