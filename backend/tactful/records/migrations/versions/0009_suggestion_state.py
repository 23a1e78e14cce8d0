"""Suggestions carry the conversation state they were asked for, so metrics count a re-request once.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.add_column(sa.Column("state_key", sa.String(64), nullable=True))
        batch.create_index("ix_suggestions_state_key", ["state_key"])


def downgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.drop_index("ix_suggestions_state_key")
        batch.drop_column("state_key")
