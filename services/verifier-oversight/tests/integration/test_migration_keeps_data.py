"""The schema change to tenders, assignments and the versioned scoring table (revision 49b59a6667ed) keeps the data
the new rules can express, on SQLite and PostgreSQL: agencies gain their history, deductions their evidence and
status, inspections their team and findings by scoring item — and the downgrade gives them back."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import text

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable
from verifier_oversight.bootstrap import definition

FIRST, SECOND = "32c4aa8a6034", "49b59a6667ed"
AT = datetime(2025, 6, 1, 2, 0, tzinfo=timezone.utc)


def rows(conn, sql: str) -> list[dict]:
    return [dict(r) for r in conn.execute(text(sql)).mappings()]


def test_v_migration_keeps_agencies_evaluations_deductions_and_inspections(database_url):
    engine = make_engine(database_url("vo_migration"))
    d = definition()
    platform = alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                              version_table=PLATFORM_VERSION_TABLE, engine=engine)
    service = alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version", engine=engine)
    try:
        command.upgrade(platform, "head")
        command.upgrade(service, FIRST)
        findings = json.dumps([{"severity": "MAJOR", "description": "invoices not sampled"},
                               {"severity": "MINOR", "description": "record unsigned"}])
        with engine.begin() as conn:
            for agency_id in ("AG-1", "AG-2"):
                conn.execute(text("INSERT INTO agency (agency_id, name, credit_code, filed_at, status) "
                                  "VALUES (:a, :a, '91310000MA1FL0001X', :at, 'FILED')"), {"a": agency_id, "at": AT})
                conn.execute(text("INSERT INTO tender_award (agency_id, year, awarded_at) VALUES (:a, 2025, :at)"),
                             {"a": agency_id, "at": AT})
                conn.execute(text("INSERT INTO evaluation (agency_id, year, opened_at) VALUES (:a, 2025, :at)"),
                             {"a": agency_id, "at": AT})
                conn.execute(text("INSERT INTO deduction (agency_id, year, deduction_id, code, points, reason, source, "
                                  "reference, recorded_at) VALUES (:a, 2025, 'D-1', 'INSPECTION_MAJOR', 10, "
                                  "'invoices', 'inspection', 'I-1', :at)"), {"a": agency_id, "at": AT})
            conn.execute(text("INSERT INTO inspection (inspection_id, agency_id, entity_id, year, experts, record, "
                              "findings, inspected_at) VALUES ('I-1', 'AG-1', 'E-1', 2025, :experts, 'visited', "
                              ":findings, :at)"), {"experts": json.dumps(["X1", "X2"]), "findings": findings,
                                                  "at": AT})
        command.upgrade(service, SECOND)
        with engine.connect() as conn:
            history = rows(conn, "SELECT agency_id, version, status FROM agency_version ORDER BY agency_id")
            assert history == [{"agency_id": "AG-1", "version": 1, "status": "FILED"},
                               {"agency_id": "AG-2", "version": 1, "status": "FILED"}]
            deductions = rows(conn, "SELECT deduction_id, agency_id, points, status, source, table_version "
                                    "FROM deduction ORDER BY deduction_id")
            assert [(x["deduction_id"], x["points"], x["status"], x["source"], x["table_version"])
                    for x in deductions] == [("AG-1-2025-D-1", 10, "ACTIVE", "inspection", 0),
                                             ("AG-2-2025-D-1", 10, "ACTIVE", "inspection", 0)]
            [inspection] = rows(conn, "SELECT kind, team, findings, completed_at FROM inspection")
            assert inspection["kind"] == "spot_check" and inspection["completed_at"] is not None
            assert [f["code"] for f in _json(inspection["findings"])] == ["INSPECTION_MAJOR", "INSPECTION_MINOR"]
            assert _json(inspection["team"]) == ["X1", "X2"]
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO tender (tender_id, year, title, conditions, lots, bid_deadline, "
                              "published_at) VALUES ('T-1', 2026, 't', '[]', '[]', '2026-01-10', :at)"), {"at": AT})
            conn.execute(text("INSERT INTO lot_award (tender_id, lot_no, agency_id, year, sectors, expected_volume, "
                              "winners, reason, awarded_at) VALUES ('T-1', 1, 'AG-1', 2026, '[]', 5, 1, 'r', :at)"),
                         {"at": AT})
        command.downgrade(service, FIRST)
        with engine.connect() as conn:
            assert rows(conn, "SELECT agency_id, year FROM tender_award") == [{"agency_id": "AG-1", "year": 2026}]
            assert [x["deduction_id"] for x in rows(conn, "SELECT deduction_id FROM deduction ORDER BY 1")] == [
                "AG-1-2025-D-1", "AG-2-2025-D-1"]
            [inspection] = rows(conn, "SELECT experts, findings FROM inspection")
            assert [f["severity"] for f in _json(inspection["findings"])] == ["MAJOR", "MINOR"]
        command.upgrade(service, "head")
    finally:
        engine.dispose()


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
