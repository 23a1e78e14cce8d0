"""Background job status in the database, so that with several workers behind a proxy one worker runs the
job and every worker answers the progress poll. A job that stopped reporting (its worker died) may restart."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from sqlalchemy import select

from .db import Database
from .models import Job, utcnow

STALE = timedelta(minutes=10)  # a running job that has not reported for this long is taken as dead


class JobRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def claim(self, kind: str) -> bool:
        """Marks the job running unless a live run exists; True if this caller should run it."""
        with self.db.session() as s:
            row = s.execute(select(Job).where(Job.kind == kind).with_for_update()).scalar_one_or_none()
            now = utcnow()
            if row is None:
                s.add(Job(kind=kind, state="running", progress=0, report=None, error=None, updated_at=now))
                return True
            if row.state == "running" and now - _aware(row.updated_at) < STALE:
                return False
            row.state, row.progress, row.report, row.error, row.updated_at = "running", 0, None, None, now
            return True

    def progress(self, kind: str, added: int) -> None:
        with self.db.session() as s:
            row = s.get(Job, kind)
            if row:
                row.progress += added
                row.updated_at = utcnow()

    def finish(self, kind: str, report: dict[str, Any] | None = None, error: str | None = None) -> None:
        with self.db.session() as s:
            row = s.get(Job, kind)
            if row:
                row.state, row.report, row.error, row.updated_at = (
                    ("failed" if error else "done"),
                    report,
                    error,
                    utcnow(),
                )

    def status(self, kind: str) -> dict[str, Any]:
        with self.db.session() as s:
            row = s.get(Job, kind)
            if row is None:
                return {"state": "idle", "embedded": 0, "report": None, "error": None}
            return {
                "state": row.state,
                "embedded": row.progress,
                "report": row.report,
                "error": row.error,
                "updated_at": _aware(row.updated_at).isoformat(),
            }


def _aware(when):
    return when if when.tzinfo else when.replace(tzinfo=UTC)  # SQLite returns naive datetimes
