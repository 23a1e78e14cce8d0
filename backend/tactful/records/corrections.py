"""Agents' corrections: stored with the suggestion, shown in QA, counted in metrics; wrong-article ones wait for a
supervisor's decision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..errors import Conflict, NotFound
from .db import Database
from .models import Correction, utcnow

KINDS = ("good", "wrong_article", "wrong_language", "wrong_tone")


def _dict(c: Correction) -> dict[str, Any]:
    return {
        "id": c.id,
        "suggestion_id": c.suggestion_id,
        "kind": c.kind,
        "draft_id": c.draft_id,
        "article_id": c.article_id,
        "question": c.question,
        "language": c.language,
        "status": c.status,
        "decided_by": c.decided_by,
        "created_at": c.created_at.isoformat(),
        "decided_at": c.decided_at.isoformat() if c.decided_at else None,
    }


class CorrectionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, **fields: Any) -> dict[str, Any]:
        status = "proposed" if fields["kind"] == "wrong_article" and fields.get("article_id") else "noted"
        with self.db.session() as s:
            row = Correction(status=status, **fields)
            s.add(row)
            s.flush()
            return _dict(row)

    def for_suggestion(self, suggestion_id: str) -> list[dict[str, Any]]:
        with self.db.session() as s:
            return [
                _dict(c)
                for c in s.scalars(
                    select(Correction)
                    .where(Correction.suggestion_id == suggestion_id)
                    .order_by(Correction.id)
                )
            ]

    def proposed(self) -> list[dict[str, Any]]:
        with self.db.session() as s:
            return [
                _dict(c)
                for c in s.scalars(
                    select(Correction).where(Correction.status == "proposed").order_by(Correction.id)
                )
            ]

    def counts(self) -> dict[str, int]:
        with self.db.session() as s:
            return dict(
                s.execute(select(Correction.kind, func.count()).group_by(Correction.kind)).tuples().all()
            )

    def decide(self, correction_id: int, accept: bool, who: str) -> dict[str, Any]:
        with self.db.session() as s:
            row = s.get(Correction, correction_id)
            if row is None:
                raise NotFound(f"No correction {correction_id}.", code="correction-not-found")
            if row.status != "proposed":
                raise Conflict(
                    f"Correction {correction_id} is {row.status}, not waiting for a decision.",
                    code="correction-decided",
                )
            row.status, row.decided_by, row.decided_at = ("accepted" if accept else "rejected"), who, utcnow()
            return _dict(row)
