"""Tables. Changed only through numbered Alembic migrations in `migrations/versions/`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Person(Base):
    """Someone who holds tokens (an agent, a supervisor): metrics are by person and team, across rotated tokens."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # shown in listings; the token itself is never stored
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True, index=True)


class ConsoleSession(Base):
    """A console sign-in: the browser holds a random session secret (never the API token), the server its hash,
    so a session expires, and logging out or revoking the token ends it server-side."""

    __tablename__ = "console_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the cookie's secret
    token_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SuggestionRecord(Base):
    __tablename__ = "suggestions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"), nullable=True, index=True)
    conversation_id: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    language_tag: Mapped[str] = mapped_column(String(20), index=True)
    culture_profile: Mapped[str] = mapped_column(String(20), index=True)
    drafter_kind: Mapped[str] = mapped_column(String(16))
    prompt_version: Mapped[str] = mapped_column(String(40), index=True)
    model: Mapped[str] = mapped_column(String(120))
    degraded: Mapped[bool] = mapped_column(Boolean, default=False)
    stage: Mapped[str] = mapped_column(String(40))
    request: Mapped[dict[str, Any]] = mapped_column(JSON)  # redacted messages and hints
    language: Mapped[dict[str, Any]] = mapped_column(JSON)
    culture: Mapped[dict[str, Any]] = mapped_column(JSON)
    sources: Mapped[list[Any]] = mapped_column(JSON)
    drafts: Mapped[list[Any]] = mapped_column(JSON)  # redacted drafts
    timings_ms: Mapped[dict[str, Any]] = mapped_column(JSON)
    redactions: Mapped[dict[str, Any]] = mapped_column(JSON)  # counts by kind, never values
    latency_ms: Mapped[float] = mapped_column(Float)
    tokens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # prompt / completion token counts
    drafter_note: Mapped[str] = mapped_column(Text, default="")  # e.g. why drafting degraded
    # What the agent did, kept current as events arrive: none | inserted | sent_as_is | edited | dismissed
    outcome: Mapped[str] = mapped_column(String(16), default="none", index=True)
    final_edit_distance: Mapped[float | None] = mapped_column(Float, nullable=True)
    search_text: Mapped[str] = mapped_column(Text, default="")  # redacted messages and drafts, lower-cased
    intent: Mapped[str] = mapped_column(String(60), default="other", index=True)
    sentiment: Mapped[str] = mapped_column(String(16), default="neutral")
    urgency: Mapped[str] = mapped_column(String(16), default="low")
    insight: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, nullable=True
    )  # the full reading with reasons
    # The conversation as it stood (agent, conversation, messages): a page reload or a revisit asks again for the
    # same state, and metrics count that state once.
    state_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class SuggestionEvent(Base):
    __tablename__ = "suggestion_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suggestion_id: Mapped[str] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    type: Mapped[str] = mapped_column(String(16))
    draft_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    final_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # redacted
    diff: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    edit_distance: Mapped[float | None] = mapped_column(Float, nullable=True)

    __table_args__ = (Index("ix_suggestion_events_suggestion", "suggestion_id"),)


class LibraryItem(Base):
    """One version of one piece of content. Keys: phrase:<lang>:<stage.name>:<register>, article:<id>,
    culture:<locale>, prompt:<id>. At most one version of a key is published; retired keys have none."""

    __tablename__ = "library_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # draft | published | retired
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(12))
    author: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        UniqueConstraint("key", "version", name="uq_library_key_version"),
        Index("ix_library_items_kind_status", "kind", "status"),
    )


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))  # seed | draft | publish | retire | rollback
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    diff: Mapped[str] = mapped_column(Text, default="")


class LibraryRevision(Base):
    """A counter bumped on every publish or retire, so each worker knows when to reload its content."""

    __tablename__ = "library_revision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suggestion_id: Mapped[str] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    reviewer_token_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rubric_version: Mapped[str] = mapped_column(String(40))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)  # criterion id -> 1..5
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Job(Base):
    """One row per kind of background job: its latest run, visible to every worker."""

    __tablename__ = "jobs"
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # idle | running | done | failed
    progress: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PracticeSession(Base):
    __tablename__ = "practice_sessions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"), nullable=True, index=True)
    scenario_id: Mapped[str] = mapped_column(String(80))
    scenario_version: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(20))
    copilot: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))  # active | finished
    progress: Mapped[dict[str, Any]] = mapped_column(JSON)
    transcript: Mapped[list[Any]] = mapped_column(JSON)  # {role, text, meaning?, review?}
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Correction(Base):
    """An agent's word on a suggestion: good, wrong article (with the right one), wrong language, wrong tone.
    A wrong-article correction is a proposal: accepted by a supervisor, the customer's question is added to the
    right article, so the next customer asking the same gets it."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suggestion_id: Mapped[str] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # good | wrong_article | wrong_language | wrong_tone
    draft_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    article_id: Mapped[str | None] = mapped_column(String(200), nullable=True)  # the right article
    question: Mapped[str | None] = mapped_column(Text, nullable=True)  # the customer's (redacted) words
    language: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="noted")  # noted | proposed | accepted | rejected
    token_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
