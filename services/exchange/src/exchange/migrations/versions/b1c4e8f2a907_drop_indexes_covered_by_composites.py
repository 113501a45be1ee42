"""drop the order and trade indexes a composite index's prefix already covers

Revision ID: b1c4e8f2a907
Revises: 926971cc312b
Create Date: 2026-11-30 07:05:00

`ix_exchange_order_trading_account_id` is the prefix of `ix_exchange_order_account_status`,
`ix_trade_buyer_account_id` of `ix_trade_buyer_status`, `ix_trade_product_id` of `ix_trade_product_mode_day`: every
lookup they served the composite serves (SQLite and PostgreSQL both use an index's leading columns), and each cost
every order's or trade's insert one more B-tree write.
"""
from alembic import op


revision = 'b1c4e8f2a907'
down_revision = '926971cc312b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('exchange_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_order_trading_account_id'))
    with op.batch_alter_table('trade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trade_buyer_account_id'))
        batch_op.drop_index(batch_op.f('ix_trade_product_id'))


def downgrade() -> None:
    with op.batch_alter_table('trade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trade_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trade_buyer_account_id'), ['buyer_account_id'], unique=False)
    with op.batch_alter_table('exchange_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_order_trading_account_id'), ['trading_account_id'], unique=False)
