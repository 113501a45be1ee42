"""The coverage migration on a database that already holds a compliance year: entities registered before it are
covered, and every obligation gets its closing instant from its year's window (the stored policy, else 30 June)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import text

from allocation.bootstrap import definition
from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable


def test_m16_existing_obligations_close_at_their_years_window(database_url):
    d = definition()
    engine = make_engine(database_url("allocation_migration"))
    try:
        command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                       version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
        service = alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version", engine=engine)
        command.upgrade(service, "95ba12200e4a")
        at = datetime(2026, 1, 5, tzinfo=timezone.utc)
        with engine.begin() as conn:
            for entity in ("E-1", "E-2"):
                conn.execute(text("INSERT INTO covered_entity (entity_id, name, sector, registered_at, status) "
                                  "VALUES (:e, 'n', 'industry', :at, 'active')"), {"e": entity, "at": at})
            for entity, year in (("E-1", 2024), ("E-2", 2025)):
                conn.execute(text(
                    "INSERT INTO obligation (entity_id, compliance_year, determined_emissions, determination_revision,"
                    " determination_id, surrendered_shea, surrendered_ccer, status, recorded_at, correlation_id) "
                    "VALUES (:e, :y, 100, 1, 'DET', 0, 0, 'open', :at, 'c')"), {"e": entity, "y": year, "at": at})
            conn.execute(text("INSERT INTO policy_setting (compliance_year, document, updated_by, updated_at, reason) "
                              "VALUES (2025, :doc, 'authority', :at, 'moved')"),
                         {"doc": json.dumps({"surrender_open": "2026-06-01", "surrender_close": "2026-09-30"}),
                          "at": at})
        command.upgrade(service, "head")
        with engine.connect() as conn:
            closes = dict(conn.execute(text("SELECT entity_id, closes_at FROM obligation")).all())
            coverage = set(conn.execute(text("SELECT coverage FROM covered_entity")).scalars())
        assert {k: str(v)[:16] for k, v in closes.items()} == {"E-1": "2025-06-30 16:00", "E-2": "2026-09-30 16:00"}
        assert coverage == {"covered"}
    finally:
        engine.dispose()
