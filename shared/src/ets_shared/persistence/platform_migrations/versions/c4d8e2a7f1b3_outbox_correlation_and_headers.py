"""outbox rows carry their correlation id (indexed, for the case timeline) and the message headers published with
them (the W3C trace context); inbox rows are found by correlation id (issue 13)

Revision ID: c4d8e2a7f1b3
Revises: b7e1d2c4a9f0
Create Date: 2026-11-29 02:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'c4d8e2a7f1b3'
down_revision = 'b7e1d2c4a9f0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message') as batch:
        batch.add_column(sa.Column('correlation_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch.add_column(sa.Column('headers', sa.Text(), nullable=True))
        batch.create_index(batch.f('ix_outbox_message_correlation_id'), ['correlation_id'], unique=False)
    with op.batch_alter_table('inbox_message') as batch:
        batch.create_index(batch.f('ix_inbox_message_correlation_id'), ['correlation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbox_message') as batch:
        batch.drop_index(batch.f('ix_inbox_message_correlation_id'))
    with op.batch_alter_table('outbox_message') as batch:
        batch.drop_index(batch.f('ix_outbox_message_correlation_id'))
        batch.drop_column('headers')
        batch.drop_column('correlation_id')
