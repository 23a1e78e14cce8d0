"""Dependencies shared by routers: the services container and bearer-token access by role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from ..errors import Forbidden, Unauthorized
from ..records.tokens import TokenInfo
from ..services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


async def current_token(request: Request, services: ServicesDep) -> TokenInfo:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("Send 'Authorization: Bearer <token>'; create one with `tactful token create --role agent`.")
    info = await run_in_threadpool(services.tokens.verify, secret.strip())
    if info is None:
        raise Unauthorized("The token is unknown or revoked.")
    return info


TokenDep = Annotated[TokenInfo, Depends(current_token)]


def require(*roles: str) -> Callable:
    allowed = set(roles) | {"admin"}

    async def check(token: TokenDep) -> TokenInfo:
        if token.role not in allowed:
            raise Forbidden(f"This needs one of the roles: {', '.join(sorted(allowed))}; your token is '{token.role}'.")
        return token

    return check
