"""index a product's trades by time, for its last trade

Revision ID: c7d2a9e41b36
Revises: b1c4e8f2a907
Create Date: 2026-11-30 19:40:00

The depth feed's last price (M-25) is a product's latest trade that did not fail: `ORDER BY executed_at DESC,
print_sequence DESC, trade_id DESC LIMIT 1`. With only `ix_trade_product_mode_day` the database found the product's
trades and sorted them all (SQLite: `USE TEMP B-TREE FOR ORDER BY`), 5.5 ms at 13,000 trades and growing with the
year; `ix_trade_product_latest` is read backwards from the product's latest entry.
"""
from alembic import op


revision = 'c7d2a9e41b36'
down_revision = 'b1c4e8f2a907'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('trade', schema=None) as batch_op:
        batch_op.create_index('ix_trade_product_latest', ['product_id', 'executed_at', 'print_sequence', 'trade_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('trade', schema=None) as batch_op:
        batch_op.drop_index('ix_trade_product_latest')
