"""drop early_settlement and early_fact: a producer's events arrive in publish order

A late ObligationSettled can no longer overtake its ShortfallDetected, nor a late report its missing finding, nor a
revised shortfall its shortfall (one ordered consumer per producer stream), so the tables that held such facts
awaiting their case are gone. Rows left in them (none, unless a fact overtook its finding before this release and
the finding never came) are dropped with them.

Revision ID: dd6ee81b70e3
Revises: 0292437dd0f6
Create Date: 2026-11-28 19:31:42.989569
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types


revision = 'dd6ee81b70e3'
down_revision = '0292437dd0f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('early_fact')
    op.drop_table('early_settlement')


def downgrade() -> None:
    op.create_table('early_settlement',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('compliance_year', sa.Integer(), nullable=False),
    sa.Column('settled_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity_id', 'compliance_year')
    )
    op.create_table('early_fact',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('compliance_year', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('tonnes', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('entity_id', 'compliance_year', 'kind')
    )
