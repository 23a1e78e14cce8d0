"""QA queries over suggestion records: filtered keyset paging, reviews, an even review queue, metric rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from ..errors import InvalidRequest
from .db import Database
from .models import ApiToken, Person, Review, SuggestionEvent, SuggestionRecord


@dataclass
class Filters:
    since: datetime | None = None
    until: datetime | None = None
    agent: int | None = None  # token id
    language: str | None = None  # "ja" matches ja, ja-JP
    culture: str | None = None
    prompt_version: str | None = None
    drafter: str | None = None  # offline | llm
    degraded: bool | None = None
    outcome: str | None = None  # none | inserted | sent_as_is | edited | dismissed
    scored: bool | None = None
    q: str | None = None
    intent: str | None = None
    sentiment: str | None = None  # negative | neutral | positive
    urgency: str | None = None  # high | medium | low

    def clauses(self) -> list:
        S = SuggestionRecord
        out = []
        if self.since:
            out.append(S.created_at >= self.since)
        if self.until:
            out.append(S.created_at < self.until)
        if self.agent is not None:
            out.append(S.token_id == self.agent)
        if self.language:
            out.append(or_(S.language_tag == self.language, S.language_tag.like(f"{self.language}-%")))
        if self.culture:
            out.append(S.culture_profile == self.culture)
        if self.prompt_version:
            out.append(S.prompt_version == self.prompt_version)
        if self.drafter:
            out.append(S.drafter_kind == self.drafter)
        if self.degraded is not None:
            out.append(S.degraded.is_(self.degraded))
        if self.outcome:
            out.append(S.outcome == self.outcome)
        if self.scored is not None:
            # An alias, so the check also works inside queries that already select from reviews.
            other = aliased(Review)
            has_review = exists(select(other.id).where(other.suggestion_id == S.id).correlate(S))
            out.append(has_review if self.scored else ~has_review)
        if self.intent:
            out.append(S.intent == self.intent)
        if self.sentiment:
            out.append(S.sentiment == self.sentiment)
        if self.urgency:
            out.append(S.urgency == self.urgency)
        if self.q:
            out.append(S.search_text.like(f"%{self.q.lower()}%"))
        return out


def _cursor(row: SuggestionRecord) -> str:
    return f"{row.created_at.isoformat()}|{row.id}"


class QARepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def page(
        self, filters: Filters, cursor: str | None = None, limit: int = 50
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest first; `cursor` continues after the last row of the previous page (stays fast deep in 100k rows)."""
        S = SuggestionRecord
        q = select(S, ApiToken.label).outerjoin(ApiToken, ApiToken.id == S.token_id).where(*filters.clauses())
        if cursor:
            at, _, sid = cursor.partition("|")
            try:
                when = datetime.fromisoformat(at)
            except ValueError:
                raise InvalidRequest(
                    "cursor: pass the next_cursor of the previous page unchanged.", code="invalid-cursor"
                ) from None
            q = q.where(or_(S.created_at < when, and_(S.created_at == when, S.id < sid)))
        q = q.order_by(S.created_at.desc(), S.id.desc()).limit(limit + 1)
        with self.db.session() as s:
            rows = s.execute(q).all()
            review_counts = dict(
                s.execute(
                    select(Review.suggestion_id, func.count())
                    .where(Review.suggestion_id.in_([r[0].id for r in rows]))
                    .group_by(Review.suggestion_id)
                ).all()
            )
        items = [
            {
                "id": r.id,
                "created_at": r.created_at.isoformat(),
                "agent": label or f"token {r.token_id}",
                "language": r.language_tag,
                "culture": r.culture_profile,
                "stage": r.stage,
                "drafter": r.drafter_kind,
                "prompt_version": r.prompt_version,
                "degraded": r.degraded,
                "outcome": r.outcome,
                "intent": r.intent,
                "sentiment": r.sentiment,
                "urgency": r.urgency,
                "edit_distance": r.final_edit_distance,
                "latency_ms": r.latency_ms,
                "reviews": review_counts.get(r.id, 0),
                "customer_text": next(
                    (m["text"] for m in reversed(r.request["messages"]) if m["role"] == "customer"), ""
                ),
            }
            for r, label in rows[:limit]
        ]
        return items, (_cursor(rows[limit - 1][0]) if len(rows) > limit else None)

    def add_review(self, review: Review) -> Review:
        with self.db.session() as s:
            s.add(review)
            s.flush()
            return review

    def reviews(
        self, suggestion_id: str | None = None, filters: Filters | None = None
    ) -> list[dict[str, Any]]:
        q = select(
            Review,
            SuggestionRecord.language_tag,
            SuggestionRecord.culture_profile,
            SuggestionRecord.prompt_version,
            SuggestionRecord.token_id,
        ).join(SuggestionRecord, SuggestionRecord.id == Review.suggestion_id)
        if suggestion_id:
            q = q.where(Review.suggestion_id == suggestion_id)
        if filters:
            q = q.where(*filters.clauses())
        with self.db.session() as s:
            return [
                {
                    "id": r.id,
                    "suggestion_id": r.suggestion_id,
                    "reviewer": r.reviewer,
                    "rubric_version": r.rubric_version,
                    "scores": r.scores,
                    "comment": r.comment,
                    "created_at": r.created_at.isoformat(),
                    "language": lang,
                    "culture": culture,
                    "prompt_version": pv,
                    "agent": token,
                }
                for r, lang, culture, pv, token in s.execute(q.order_by(Review.id))
            ]

    def queue(self, n: int = 10, reviewer_token_id: int | None = None) -> list[str]:
        """Unscored suggestions, taken in turn from each language so no locale is left unreviewed."""
        S = SuggestionRecord
        unscored = ~exists().where(Review.suggestion_id == S.id)
        with self.db.session() as s:
            languages = list(s.scalars(select(S.language_tag).where(unscored).distinct()))
            per_language = {
                lang: list(
                    s.scalars(
                        select(S.id)
                        .where(unscored, S.language_tag == lang)
                        .order_by(S.created_at.desc())
                        .limit(n)
                    )
                )
                for lang in sorted(languages)
            }
        picked: list[str] = []
        while len(picked) < n and any(per_language.values()):
            for lang in sorted(per_language):
                if per_language[lang] and len(picked) < n:
                    picked.append(per_language[lang].pop(0))
        return picked

    def metric_rows(self, filters: Filters) -> list[dict[str, Any]]:
        S = SuggestionRecord
        q = (
            select(
                S.id,
                S.created_at,
                S.language_tag,
                S.culture_profile,
                S.prompt_version,
                S.token_id,
                ApiToken.label,
                S.outcome,
                S.final_edit_distance,
                S.latency_ms,
                S.degraded,
                S.state_key,
                Person.name,
                Person.team,
            )
            .outerjoin(ApiToken, ApiToken.id == S.token_id)
            .outerjoin(Person, Person.id == ApiToken.person_id)
            .where(*filters.clauses())
            .order_by(S.created_at)
        )
        with self.db.session() as s:
            # "agent" is the person (across their rotated tokens), else the token's label
            rows = [
                {
                    "id": r[0],
                    "created_at": r[1],
                    "language": r[2],
                    "culture": r[3],
                    "prompt_version": r[4],
                    "agent": r[12] or r[6] or f"token {r[5]}",
                    "outcome": r[7],
                    "edit_distance": r[8],
                    "latency_ms": r[9],
                    "degraded": r[10],
                    "state": r[11],
                    "team": r[13] or "(no team)",
                }
                for r in s.execute(q)
            ]
        return count_once(rows)

    def edited_events(self, since: datetime | None = None) -> list[dict[str, Any]]:
        q = (
            select(SuggestionEvent, SuggestionRecord.drafts, SuggestionRecord.language_tag)
            .join(SuggestionRecord, SuggestionRecord.id == SuggestionEvent.suggestion_id)
            .where(SuggestionEvent.type == "edited", SuggestionEvent.diff.is_not(None))
        )
        if since:
            q = q.where(SuggestionEvent.created_at >= since)
        with self.db.session() as s:
            return [
                {
                    "suggestion_id": e.suggestion_id,
                    "draft_id": e.draft_id,
                    "diff": e.diff,
                    "drafts": drafts,
                    "language": lang,
                }
                for e, drafts, lang in s.execute(q)
            ]


def count_once(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per conversation state: a reload or revisit that asked again for the same messages is the same
    suggestion for the metrics. The one the agent acted on wins, else the first; rows without a state stay."""
    kept: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for row in rows:
        key = row.get("state")
        if not key:
            out.append(row)
        elif key not in kept or (kept[key]["outcome"] == "none" and row["outcome"] != "none"):
            kept[key] = row
    return sorted(out + list(kept.values()), key=lambda r: r["created_at"])


def kpi_rows(db: Database, filters: Filters, culture_criteria: set[str]) -> list[dict[str, Any]]:
    """One row per suggestion of a conversation, with what the KPIs need (see qa/kpis.py)."""
    S = SuggestionRecord
    q = (
        select(
            S.id,
            S.conversation_id,
            S.created_at,
            S.stage,
            S.language_tag,
            S.culture_profile,
            S.request,
            ApiToken.label,
            Person.name,
            Person.team,
        )
        .outerjoin(ApiToken, ApiToken.id == S.token_id)
        .outerjoin(Person, Person.id == ApiToken.person_id)
        .where(S.conversation_id.is_not(None), *filters.clauses())
    )
    with db.session() as s:
        rows = list(s.execute(q))
        ids = [r[0] for r in rows]
        sent: dict[str, int] = {}
        scores: dict[str, list[float]] = {}
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            for sid, count in s.execute(
                select(SuggestionEvent.suggestion_id, func.count())
                .where(SuggestionEvent.suggestion_id.in_(chunk), SuggestionEvent.type == "sent")
                .group_by(SuggestionEvent.suggestion_id)
            ):
                sent[sid] = count
            for review in s.scalars(select(Review).where(Review.suggestion_id.in_(chunk))):
                scores.setdefault(review.suggestion_id, []).extend(
                    float(v)
                    for k, v in (review.scores or {}).items()
                    if k in culture_criteria or "cultur" in k
                )
    return [
        {
            "id": r[0],
            "conversation_id": r[1],
            "created_at": r[2],
            "stage": r[3],
            "language": r[4],
            "culture": r[5],
            "messages": [
                {"role": m.get("role"), "sent_at": m.get("sent_at")} for m in (r[6] or {}).get("messages", [])
            ],
            "person": r[8] or r[7] or "(unknown)",
            "team": r[9] or "(no team)",
            "sent": sent.get(r[0], 0),
            "culture_scores": scores.get(r[0], []),
        }
        for r in rows
    ]
