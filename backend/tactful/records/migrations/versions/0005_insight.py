"""Conversation insight on each suggestion: intent, sentiment and urgency (filterable), with the full reading.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.add_column(sa.Column("intent", sa.String(60), nullable=False, server_default="other"))
        batch.add_column(sa.Column("sentiment", sa.String(16), nullable=False, server_default="neutral"))
        batch.add_column(sa.Column("urgency", sa.String(16), nullable=False, server_default="low"))
        batch.add_column(sa.Column("insight", sa.JSON, nullable=True))
    op.create_index("ix_suggestions_intent", "suggestions", ["intent"])


def downgrade() -> None:
    op.drop_index("ix_suggestions_intent", "suggestions")
    with op.batch_alter_table("suggestions") as batch:
        for column in ("insight", "urgency", "sentiment", "intent"):
            batch.drop_column(column)
