"""The trading-accounts migration on a registry that already holds accounts and transactions (M-32): nothing is
lost or linked by the upgrade; the downgrade gives the old schema back, and refuses while trading accounts exist."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import text

from allocation.bootstrap import definition
from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable

BEFORE, REVISION = "9a8b2a8c0db7", "ca369750a109"
AT = datetime(2026, 1, 5, tzinfo=timezone.utc)


def test_m32_registry_survives_the_trading_accounts_migration_both_ways(database_url):
    d = definition()
    engine = make_engine(database_url("allocation_trading_migration"))
    try:
        command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                       version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
        service = alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version", engine=engine)
        command.upgrade(service, BEFORE)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO registry_account (account_id, kind, holder_id, opened_at) VALUES "
                              "('ACC-E-1', 'entity_holding', 'E-1', :at)"), {"at": AT})
            conn.execute(text("INSERT INTO registry_transaction (transaction_id, kind, registered_at, reference) "
                              "VALUES ('ISS-1', 'issue', :at, 'plan:2025')"), {"at": AT})
        command.upgrade(service, REVISION)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT account_id, linked_account_id FROM registry_account "
                                     "WHERE holder_id IS NOT NULL")).all() == [("ACC-E-1", None)]
            assert conn.execute(text("SELECT transaction_id, purpose FROM registry_transaction")).all() == [
                ("ISS-1", None)]
            conn.execute(text("INSERT INTO registry_account (account_id, kind, holder_id, opened_at, "
                              "linked_account_id) VALUES ('X-M-E-1', 'exchange_trading', 'E-1', :at, 'ACC-E-1')"),
                         {"at": AT})
            conn.execute(text("INSERT INTO registry_trading_account (trading_account_id, holding_account_id, "
                              "participant_id, participant_kind, member_id, name, opened_at) VALUES "
                              "('X-M-E-1', 'ACC-E-1', 'M-E-1', 'member', 'M-E-1', 'n', :at)"), {"at": AT})
        with pytest.raises(RuntimeError, match="trading accounts exist"):
            command.downgrade(service, BEFORE)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM registry_trading_account"))
            conn.execute(text("DELETE FROM registry_account WHERE account_id = 'X-M-E-1'"))
        command.downgrade(service, BEFORE)
        with engine.connect() as conn:
            columns = conn.execute(text("SELECT * FROM registry_account WHERE holder_id IS NOT NULL"))
            assert (list(columns.keys()), [row[:3] for row in columns]) == (
                ["account_id", "kind", "holder_id", "opened_at"], [("ACC-E-1", "entity_holding", "E-1")])
            assert conn.execute(text("SELECT transaction_id FROM registry_transaction")).scalars().all() == ["ISS-1"]
    finally:
        engine.dispose()
