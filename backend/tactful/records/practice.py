"""Practice sessions in the database: one row per session, its transcript and result as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..errors import NotFound
from .db import Database
from .models import ApiToken, PracticeSession, utcnow


class PracticeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, row: PracticeSession) -> None:
        with self.db.session() as s:
            s.add(row)

    def get(self, session_id: str) -> PracticeSession:
        with self.db.session() as s:
            row = s.get(PracticeSession, session_id)
        if row is None:
            raise NotFound(f"No practice session '{session_id}'.")
        return row

    def update(self, session_id: str, **values: Any) -> PracticeSession:
        with self.db.session() as s:
            row = s.get(PracticeSession, session_id)
            if row is None:
                raise NotFound(f"No practice session '{session_id}'.")
            for key, value in values.items():
                setattr(row, key, value)
            if values.get("status") == "finished":
                row.finished_at = utcnow()
            return row

    def finished(self, token_id: int | None = None) -> list[tuple[PracticeSession, str]]:
        """Finished sessions, oldest first, with the agent's token label."""
        q = (
            select(PracticeSession, ApiToken.label)
            .outerjoin(ApiToken, ApiToken.id == PracticeSession.token_id)
            .where(PracticeSession.status == "finished")
            .order_by(PracticeSession.finished_at)
        )
        if token_id is not None:
            q = q.where(PracticeSession.token_id == token_id)
        with self.db.session() as s:
            return [(r, label or f"token {r.token_id}") for r, label in s.execute(q).all()]


def as_dict(row: PracticeSession) -> dict[str, Any]:
    when = lambda d: d.isoformat() if isinstance(d, datetime) else None  # noqa: E731
    return {
        "id": row.id,
        "scenario_id": row.scenario_id,
        "scenario_version": row.scenario_version,
        "locale": row.locale,
        "copilot": row.copilot,
        "status": row.status,
        "transcript": row.transcript,
        "result": row.result,
        "score": row.score,
        "created_at": when(row.created_at),
        "finished_at": when(row.finished_at),
    }
