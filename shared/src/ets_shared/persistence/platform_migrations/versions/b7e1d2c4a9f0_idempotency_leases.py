"""idempotency records: a claim with a lease, and the stamp of the effect's commit (issue 9)

A claim left by a crashed request (no status, no lease: every row written before this revision) can be taken over.

Revision ID: b7e1d2c4a9f0
Revises: f5a375cc7a41
Create Date: 2026-11-28 23:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types


revision = 'b7e1d2c4a9f0'
down_revision = 'f5a375cc7a41'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('idempotency_record') as batch:
        batch.add_column(sa.Column('claim_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch.add_column(sa.Column('lease_expires_at', ets_shared.persistence.types.UtcDateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column('committed_at', ets_shared.persistence.types.UtcDateTime(timezone=True),
                                   nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('idempotency_record') as batch:
        batch.drop_column('committed_at')
        batch.drop_column('lease_expires_at')
        batch.drop_column('claim_id')
