"""Token counts and the drafter's note on each suggestion.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.add_column(sa.Column("tokens", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("drafter_note", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.drop_column("drafter_note")
        batch.drop_column("tokens")
