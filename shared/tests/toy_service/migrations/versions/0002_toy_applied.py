"""toy log of applied obligation events, in the order they were applied"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toy_applied",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("toy_applied")
