"""API tokens: random secrets shown once, stored as SHA-256 hashes, each with one role."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .db import Database
from .models import ApiToken, Person, utcnow

ROLES = ("agent", "supervisor", "qa", "admin")


@dataclass(frozen=True)
class TokenInfo:
    id: int
    role: str
    label: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None
    person: str | None = None  # the named person who holds the token
    team: str | None = None

    @property
    def who(self) -> str:
        """How the console and metrics name the holder: the person, else the token's label."""
        return self.person or self.label or f"token {self.id}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> str:
    return "tfl_" + secrets.token_urlsafe(32)


def _info(row: ApiToken, person: Person | None = None) -> TokenInfo:
    return TokenInfo(
        row.id,
        row.role,
        row.label,
        row.prefix,
        row.created_at,
        row.revoked_at,
        person.name if person else None,
        person.team if person else None,
    )


def _with_person(s, row: ApiToken | None) -> TokenInfo | None:
    return _info(row, s.get(Person, row.person_id) if row.person_id else None) if row else None


class TokenRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, role: str, label: str = "", secret: str | None = None, person_id: int | None = None
    ) -> tuple[str, TokenInfo]:
        if role not in ROLES:
            raise ValueError(f"unknown role '{role}' (choose from {', '.join(ROLES)})")
        secret = secret or new_secret()
        with self.db.session() as s:
            row = ApiToken(
                token_hash=hash_token(secret), prefix=secret[:8], role=role, label=label, person_id=person_id
            )
            s.add(row)
            s.flush()
            return secret, _with_person(s, row)  # type: ignore[return-value]

    def rotate(self, token_id: int) -> tuple[str, TokenInfo] | None:
        """A new secret for the same person, role and label; the old token stops working. History stays the
        person's: metrics go by person, not by token."""
        with self.db.session() as s:
            old = s.get(ApiToken, token_id)
            if not old or old.revoked_at:
                return None
            role, label, person_id = old.role, old.label, old.person_id
        secret, info = self.create(role, label, person_id=person_id)
        self.revoke(token_id)
        return secret, info

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
            return _with_person(s, row) if row and row.revoked_at is None else None

    def list(self) -> list[TokenInfo]:
        with self.db.session() as s:
            return [
                info
                for r in s.scalars(select(ApiToken).order_by(ApiToken.id))
                if (info := _with_person(s, r))
            ]

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


class PeopleRepository:
    """Named people and their teams; tokens point at them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure(self, name: str, team: str | None = None) -> int:
        """The person's id, created if new; a given team replaces the stored one."""
        name = name.strip()
        if not name:
            raise ValueError("a person needs a name")
        with self.db.session() as s:
            row = s.scalar(select(Person).where(Person.name == name))
            if row is None:
                row = Person(name=name, team=(team or None))
                s.add(row)
                s.flush()
            elif team is not None:
                row.team = team or None
            return row.id

    def list(self) -> list[dict]:
        with self.db.session() as s:
            people = list(s.scalars(select(Person).order_by(Person.name)))
            tokens = list(
                s.scalars(select(ApiToken).where(ApiToken.person_id.is_not(None)).order_by(ApiToken.id))
            )
            return [
                {
                    "id": p.id,
                    "name": p.name,
                    "team": p.team,
                    "tokens": [
                        {"id": t.id, "role": t.role, "prefix": t.prefix, "active": t.revoked_at is None}
                        for t in tokens
                        if t.person_id == p.id
                    ],
                }
                for p in people
            ]
