"""QA: suggestion outcomes for filtering and metrics, searchable redacted text, and rubric reviews.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.add_column(sa.Column("outcome", sa.String(16), nullable=False, server_default="none"))
        batch.add_column(sa.Column("final_edit_distance", sa.Float, nullable=True))
        batch.add_column(sa.Column("search_text", sa.Text, nullable=False, server_default=""))
    op.create_index("ix_suggestions_outcome", "suggestions", ["outcome"])
    op.create_index("ix_suggestions_prompt_version", "suggestions", ["prompt_version"])
    op.create_index("ix_suggestions_token_id", "suggestions", ["token_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "suggestion_id",
            sa.String(32),
            sa.ForeignKey("suggestions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("reviewer_token_id", sa.Integer, nullable=True),
        sa.Column("rubric_version", sa.String(40), nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_suggestion_id", "reviews", ["suggestion_id"])


def downgrade() -> None:
    op.drop_table("reviews")
    for name in ("ix_suggestions_token_id", "ix_suggestions_prompt_version", "ix_suggestions_outcome"):
        op.drop_index(name, "suggestions")
    with op.batch_alter_table("suggestions") as batch:
        batch.drop_column("search_text")
        batch.drop_column("final_edit_distance")
        batch.drop_column("outcome")
