"""API tokens: random secrets shown once, stored as SHA-256 hashes, each with one role."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .db import Database
from .models import ApiToken, utcnow

ROLES = ("agent", "supervisor", "qa", "admin")


@dataclass(frozen=True)
class TokenInfo:
    id: int
    role: str
    label: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> str:
    return "tfl_" + secrets.token_urlsafe(32)


def _info(row: ApiToken) -> TokenInfo:
    return TokenInfo(row.id, row.role, row.label, row.prefix, row.created_at, row.revoked_at)


class TokenRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, role: str, label: str = "", secret: str | None = None) -> tuple[str, TokenInfo]:
        if role not in ROLES:
            raise ValueError(f"unknown role '{role}' (choose from {', '.join(ROLES)})")
        secret = secret or new_secret()
        with self.db.session() as s:
            row = ApiToken(token_hash=hash_token(secret), prefix=secret[:8], role=role, label=label)
            s.add(row)
            s.flush()
            return secret, _info(row)

    def ensure(self, secret: str, role: str, label: str) -> bool:
        """Register a token given from outside (TACTFUL_ADMIN_TOKEN); True when it was new."""
        with self.db.session() as s:
            if s.scalar(select(ApiToken.id).where(ApiToken.token_hash == hash_token(secret))):
                return False
        self.create(role, label, secret)
        return True

    def verify(self, secret: str) -> TokenInfo | None:
        with self.db.session() as s:
            row = s.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
            return _info(row) if row and row.revoked_at is None else None

    def list(self) -> list[TokenInfo]:
        with self.db.session() as s:
            return [_info(r) for r in s.scalars(select(ApiToken).order_by(ApiToken.id))]

    def revoke(self, token_id: int) -> bool:
        with self.db.session() as s:
            row = s.get(ApiToken, token_id)
            if not row or row.revoked_at:
                return False
            row.revoked_at = utcnow()
            return True

    def has_role(self, role: str) -> bool:
        with self.db.session() as s:
            q = select(ApiToken.id).where(ApiToken.role == role, ApiToken.revoked_at.is_(None)).limit(1)
            return s.scalar(q) is not None
