"""Tokens, suggestions and their events.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("token_id", sa.Integer, sa.ForeignKey("api_tokens.id"), nullable=True),
        sa.Column("conversation_id", sa.String(200), nullable=True),
        sa.Column("language_tag", sa.String(20), nullable=False),
        sa.Column("culture_profile", sa.String(20), nullable=False),
        sa.Column("drafter_kind", sa.String(16), nullable=False),
        sa.Column("prompt_version", sa.String(40), nullable=False),
        sa.Column("model", sa.String(120), nullable=False),
        sa.Column("degraded", sa.Boolean, nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("language", sa.JSON, nullable=False),
        sa.Column("culture", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("drafts", sa.JSON, nullable=False),
        sa.Column("timings_ms", sa.JSON, nullable=False),
        sa.Column("redactions", sa.JSON, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
    )
    op.create_index("ix_suggestions_created_at", "suggestions", ["created_at"])
    op.create_index("ix_suggestions_conversation_id", "suggestions", ["conversation_id"])
    op.create_index("ix_suggestions_language_tag", "suggestions", ["language_tag"])
    op.create_index("ix_suggestions_culture_profile", "suggestions", ["culture_profile"])
    op.create_table(
        "suggestion_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "suggestion_id",
            sa.String(32),
            sa.ForeignKey("suggestions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("draft_id", sa.String(40), nullable=True),
        sa.Column("final_text", sa.Text, nullable=True),
        sa.Column("diff", sa.JSON, nullable=True),
        sa.Column("edit_distance", sa.Float, nullable=True),
    )
    op.create_index("ix_suggestion_events_suggestion", "suggestion_events", ["suggestion_id"])


def downgrade() -> None:
    op.drop_table("suggestion_events")
    op.drop_table("suggestions")
    op.drop_table("api_tokens")
