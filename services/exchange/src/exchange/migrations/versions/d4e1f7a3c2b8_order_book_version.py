"""the order books' version: which exchange process's books are current

Revision ID: d4e1f7a3c2b8
Revises: c7d2a9e41b36
Create Date: 2026-11-30 22:10:00

Each exchange process keeps the order books in memory. A command that changes the open orders counts itself in
`order_book_version` in its own transaction, and a process reads the count (locking the row on PostgreSQL) before it
matches, rebuilding its books when another process has changed them since — so two processes on one database (two
replicas, or one replaced while the other still ran) never match against a stale book.
"""
import sqlalchemy as sa
from alembic import op


revision = 'd4e1f7a3c2b8'
down_revision = 'c7d2a9e41b36'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_book_version',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('version', sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.execute("INSERT INTO order_book_version (id, version) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table('order_book_version')
