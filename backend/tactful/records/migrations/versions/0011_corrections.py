"""Agents' corrections on suggestions, and the proposals they make for the knowledge base.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "suggestion_id",
            sa.String(32),
            sa.ForeignKey("suggestions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("draft_id", sa.String(40), nullable=True),
        sa.Column("article_id", sa.String(200), nullable=True),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("language", sa.String(20), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("token_id", sa.Integer, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_corrections_suggestion_id", "corrections", ["suggestion_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_suggestion_id", "corrections")
    op.drop_table("corrections")
