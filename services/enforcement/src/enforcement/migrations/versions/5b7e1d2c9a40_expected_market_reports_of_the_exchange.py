"""expected market reports of the exchange (M-42(1))

Revision ID: 5b7e1d2c9a40
Revises: 1c2780cec4a2
Create Date: 2026-11-29 00:05:00.000000
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types


revision = '5b7e1d2c9a40'
down_revision = '1c2780cec4a2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('expected_market_report',
    sa.Column('trading_date', sa.Date(), nullable=False),
    sa.Column('exchange_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('due_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('reported_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('missing_found_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('trading_date')
    )
    with op.batch_alter_table('expected_market_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expected_market_report_due_at'), ['due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('expected_market_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expected_market_report_due_at'))
    op.drop_table('expected_market_report')
