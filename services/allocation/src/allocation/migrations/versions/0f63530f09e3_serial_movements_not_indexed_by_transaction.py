"""serial movements not indexed by their transaction

Nothing reads a serial's movements by their transaction: a serial's history finds them by unit type, vintage and
serial (`ix_serial_movement_serial`), an account's statement as of a date by the accounts they moved between; each
joins its movements' transactions by the transactions' own unique id. Every registered transfer writes a few
movements (a delivery a few), so the index was written for every one of them and never read.

Revision ID: 0f63530f09e3
Revises: 201ad2ef5a2a
Create Date: 2026-11-30 13:10:00.000000
"""
from alembic import op


revision = '0f63530f09e3'
down_revision = '201ad2ef5a2a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('serial_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_serial_movement_transaction_id'))


def downgrade() -> None:
    with op.batch_alter_table('serial_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_serial_movement_transaction_id'), ['transaction_id'], unique=False)
