"""drop early_settlement: allocation's events arrive in publish order

A late ObligationSettled can no longer overtake its ShortfallDetected (one ordered consumer per producer stream),
so the table that held settlements awaiting their case is gone. Rows left in it (none, unless a settlement overtook
its shortfall before this release and the shortfall never came) are dropped with it.

Revision ID: dd6ee81b70e3
Revises: fc355a6d24d0
Create Date: 2026-11-28 19:31:42.989569
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types


revision = 'dd6ee81b70e3'
down_revision = 'fc355a6d24d0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('early_settlement')


def downgrade() -> None:
    op.create_table('early_settlement',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('compliance_year', sa.Integer(), nullable=False),
    sa.Column('settled_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity_id', 'compliance_year')
    )
