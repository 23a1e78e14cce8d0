"""People and teams: tokens belong to a named person, so metrics are by person and team across rotated tokens.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("team", sa.String(80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column(
                "person_id",
                sa.Integer,
                sa.ForeignKey("people.id", name="fk_api_tokens_person"),
                nullable=True,
            )
        )
        batch.create_index("ix_api_tokens_person_id", ["person_id"])


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_index("ix_api_tokens_person_id")
        batch.drop_constraint("fk_api_tokens_person", type_="foreignkey")
        batch.drop_column("person_id")
    op.drop_table("people")
