"""/api/v1/me, /api/v1/extension/helpdesks and /api/v1/tokens: who am I, the helpdesk selector data the
extension uses, and token management for admins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from starlette.concurrency import run_in_threadpool

from ..errors import NotFound
from ..records.db import DB_INT
from ..records.tokens import PeopleRepository, TokenInfo
from .deps import ServicesDep, TokenDep, require
from .schemas import TokenCreate

router = APIRouter(tags=["system"])
AdminDep = Annotated[TokenInfo, Depends(require("admin"))]


def _token_json(t: TokenInfo) -> dict[str, Any]:
    return {
        "id": t.id,
        "role": t.role,
        "label": t.label,
        "prefix": t.prefix,
        "created_at": t.created_at.isoformat(),
        "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        "person": t.person,
        "team": t.team,
    }


@router.get("/me")
async def me(token: TokenDep, services: ServicesDep) -> dict[str, Any]:
    content = services.content.current()
    return {
        "role": token.role,
        "label": token.label,
        "token_id": token.id,
        "languages": sorted(content.library.phrase_languages()),
        "cultures": sorted(p.locale for p in content.cultures.all()),
    }


@router.get("/extension/helpdesks")
async def helpdesk_selectors(_: TokenDep, services: ServicesDep) -> dict[str, Any]:
    """Selector data supervisors published (library kind `helpdesk`); the extension prefers it to its own files."""
    items = await run_in_threadpool(services.library_store.published, "helpdesk")
    return {"helpdesks": [{**i.content, "version": i.version} for i in items]}


@router.get("/tokens")
async def list_tokens(services: ServicesDep, _: AdminDep) -> list[dict[str, Any]]:
    return [_token_json(t) for t in await run_in_threadpool(services.tokens.list)]


@router.post("/tokens", status_code=201)
async def create_token(body: TokenCreate, services: ServicesDep, _: AdminDep) -> dict[str, Any]:
    def create() -> tuple[str, TokenInfo]:
        person = PeopleRepository(services.db).ensure(body.person, body.team) if body.person else None
        return services.tokens.create(body.role, body.label or body.person or "", person_id=person)

    secret, info = await run_in_threadpool(create)
    return {**_token_json(info), "token": secret}


@router.post("/tokens/{token_id}/rotate", status_code=201)
async def rotate_token(
    token_id: Annotated[int, Path(ge=1, le=DB_INT)], services: ServicesDep, _: AdminDep
) -> dict[str, Any]:
    """A new secret for the same person, role and label; the old one stops working, the person's history stays."""
    rotated = await run_in_threadpool(services.tokens.rotate, token_id)
    if rotated is None:
        raise NotFound(f"No active token {token_id}.", code="token-not-found")
    secret, info = rotated
    return {**_token_json(info), "token": secret}


@router.get("/people")
async def list_people(services: ServicesDep, _: AdminDep) -> list[dict[str, Any]]:
    return await run_in_threadpool(PeopleRepository(services.db).list)


@router.delete("/tokens/{token_id}", status_code=204)
async def revoke_token(
    token_id: Annotated[int, Path(ge=1, le=DB_INT)], services: ServicesDep, _: AdminDep
) -> None:
    if not await run_in_threadpool(services.tokens.revoke, token_id):
        raise NotFound(f"No active token {token_id}.", code="token-not-found")
