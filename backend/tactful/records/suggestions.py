"""Suggestion records and the events agents produce on them."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, delete, select

from ..seams import SuggestionEntry
from .db import Database
from .models import Review, SuggestionEvent, SuggestionRecord


def next_outcome(current: str, distance: float | None, event: str, event_distance: float | None):
    """none -> inserted -> sent_as_is | edited; dismissed unless something was already sent."""
    if event == "dismissed":
        return (current, distance) if current in ("sent_as_is", "edited") else ("dismissed", distance)
    if event == "inserted":
        return ("inserted", distance) if current in ("none", "dismissed") else (current, distance)
    if event == "edited":
        return "edited", event_distance if event_distance is not None else distance
    if event == "sent":
        d = event_distance if event_distance is not None else distance
        if current == "edited" or (d or 0) > 0:
            return "edited", d
        return "sent_as_is", d or 0.0
    return current, distance


class SuggestionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, entry: SuggestionEntry) -> None:
        """The suggestion log seam: a plain entry becomes a stored row."""
        fields = {k: v for k, v in dataclasses.asdict(entry).items() if v is not None or k != "created_at"}
        self.add(SuggestionRecord(**fields))

    def add(self, record: SuggestionRecord) -> None:
        with self.db.session() as s:
            s.add(record)

    def get(self, suggestion_id: str) -> SuggestionRecord | None:
        with self.db.session() as s:
            return s.get(SuggestionRecord, suggestion_id)

    def keep_translations(self, suggestion_id: str, target: str, translations: list[dict]) -> bool:
        """The model's translations of the suggestion's customer messages (redacted, as the model saw them), kept
        with its inputs so QA reads what the agent read."""
        with self.db.session() as s:
            record = s.get(SuggestionRecord, suggestion_id)
            if record is None:
                return False
            record.request = {**record.request, "translations": {"target": target, "messages": translations}}
            return True

    def add_event(self, event: SuggestionEvent) -> SuggestionEvent:
        """Stores the event and moves the suggestion's outcome on, in one transaction."""
        with self.db.session() as s:
            s.add(event)
            record = s.get(SuggestionRecord, event.suggestion_id)
            if record is not None:
                record.outcome, record.final_edit_distance = next_outcome(
                    record.outcome, record.final_edit_distance, event.type, event.edit_distance
                )
            s.flush()
            return event

    def events(self, suggestion_id: str) -> list[SuggestionEvent]:
        with self.db.session() as s:
            q = (
                select(SuggestionEvent)
                .where(SuggestionEvent.suggestion_id == suggestion_id)
                .order_by(SuggestionEvent.id)
            )
            return list(s.scalars(q))

    def purge_older_than(self, days: int) -> int:
        """Delete suggestions (and, by cascade, their events) older than `days`; returns how many."""
        cutoff = datetime.now(UTC) - timedelta(days=days)
        with self.db.session() as s:
            old = select(SuggestionRecord.id).where(SuggestionRecord.created_at < cutoff)
            s.execute(delete(SuggestionEvent).where(SuggestionEvent.suggestion_id.in_(old)))
            s.execute(delete(Review).where(Review.suggestion_id.in_(old)))
            result: CursorResult[Any] = s.execute(
                delete(SuggestionRecord).where(SuggestionRecord.created_at < cutoff)
            )  # type: ignore[assignment]
            return result.rowcount

    def events_as_dicts(self, suggestion_id: str) -> list[dict[str, Any]]:
        return [
            {
                "id": e.id,
                "type": e.type,
                "draft_id": e.draft_id,
                "final_text": e.final_text,
                "diff": e.diff,
                "edit_distance": e.edit_distance,
                "created_at": e.created_at.isoformat(),
            }
            for e in self.events(suggestion_id)
        ]

    def as_dict(self, r: SuggestionRecord) -> dict[str, Any]:
        return {
            "id": r.id,
            "created_at": r.created_at.isoformat(),
            "conversation_id": r.conversation_id,
            "request": r.request,
            "language": r.language,
            "culture": r.culture,
            "sources": r.sources,
            "drafts": r.drafts,
            "drafter": {
                "kind": r.drafter_kind,
                "model": r.model,
                "prompt_version": r.prompt_version,
                "degraded": r.degraded,
                "note": r.drafter_note,
                "tokens": r.tokens,
            },
            "stage": r.stage,
            "timings_ms": r.timings_ms,
            "redactions": r.redactions,
            "latency_ms": r.latency_ms,
            "insight": r.insight,
        }
