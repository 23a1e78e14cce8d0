"""Practice sessions: an agent's role-play against a scenario, with per-reply feedback and the final score.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_id", sa.Integer, sa.ForeignKey("api_tokens.id"), nullable=True),
        sa.Column("scenario_id", sa.String(80), nullable=False),
        sa.Column("scenario_version", sa.String(40), nullable=False),
        sa.Column("locale", sa.String(20), nullable=False),
        sa.Column("copilot", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.JSON, nullable=False),
        sa.Column("transcript", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_practice_sessions_token_id", "practice_sessions", ["token_id"])


def downgrade() -> None:
    op.drop_table("practice_sessions")
