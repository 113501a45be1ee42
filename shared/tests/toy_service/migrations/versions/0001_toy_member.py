"""toy member table"""
import sqlalchemy as sa
from alembic import op

import ets_shared.persistence.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toy_member",
        sa.Column("member_id", sa.String(length=64), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("admitted_at", ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("toy_member")
