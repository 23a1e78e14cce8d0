"""Console sessions: created at sign-in for a verified token, checked on every console request."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from .db import Database
from .models import ApiToken, ConsoleSession, utcnow
from .tokens import TokenInfo, _with_person, hash_token

SESSION_HOURS = 8


class SessionRepository:
    def __init__(self, db: Database, hours: int = SESSION_HOURS) -> None:
        self.db, self.hours = db, hours

    def create(self, token: TokenInfo) -> str:
        secret = "tcs_" + secrets.token_urlsafe(32)
        with self.db.session() as s:
            s.add(
                ConsoleSession(
                    id=hash_token(secret),
                    token_id=token.id,
                    expires_at=utcnow() + timedelta(hours=self.hours),
                )
            )
        return secret

    def verify(self, secret: str) -> TokenInfo | None:
        """The signed-in token, if the session is live and the token not revoked since."""
        with self.db.session() as s:
            row = s.get(ConsoleSession, hash_token(secret))
            if row is None or row.revoked_at is not None or _aware(row.expires_at) <= utcnow():
                return None
            token = s.scalar(select(ApiToken).where(ApiToken.id == row.token_id))
            return _with_person(s, token) if token and token.revoked_at is None else None

    def revoke(self, secret: str) -> None:
        with self.db.session() as s:
            row = s.get(ConsoleSession, hash_token(secret))
            if row and row.revoked_at is None:
                row.revoked_at = utcnow()


def _aware(when):
    """SQLite returns naive datetimes for timezone columns; they were stored in UTC."""
    from datetime import UTC

    return when if when.tzinfo else when.replace(tzinfo=UTC)
