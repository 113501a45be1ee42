"""the outbox's unpublished index covers created_at (issue 10)

`GET /backlog` counts the unpublished events and reads the oldest one's `created_at`; with the index on
(published_at, seq) SQLite read each unpublished row from the table (27 ms a poll with 12,000 unpublished, polled
every 0.2 s by `ets bench` while enforcement published a tick's cases). With created_at in the index both come from
the index alone; the relay's scan (published_at IS NULL ORDER BY seq) uses it as before.

Revision ID: e3b9a41c7d25
Revises: c4d8e2a7f1b3
Create Date: 2026-11-29 13:05:00
"""
from alembic import op


revision = 'e3b9a41c7d25'
down_revision = 'c4d8e2a7f1b3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message') as batch:
        batch.drop_index('ix_outbox_unpublished')
        batch.create_index('ix_outbox_unpublished', ['published_at', 'seq', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_message') as batch:
        batch.drop_index('ix_outbox_unpublished')
        batch.create_index('ix_outbox_unpublished', ['published_at', 'seq'], unique=False)
