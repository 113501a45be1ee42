"""The migration that lets a case exist without its report, on a database that already holds a year: the report
case is rebuilt with its children in place (SQLite recreates the table: references must survive), known entities get
their first compliance year from their registration, and cases awaiting a determination get their deadline."""
from __future__ import annotations

from datetime import datetime, timezone

from alembic import command
from sqlalchemy import text

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable
from mrv.bootstrap import definition

AT = datetime(2026, 4, 10, 2, tzinfo=timezone.utc)
CASE = ("INSERT INTO report_case (report_id, entity_id, compliance_year, state, covered, late, factor_set_id, sources, "
        "direct, indirect, total, reported_emissions, submitted_at, determination_due_by, correlation_id) VALUES "
        "(:r, :e, 2025, :s, true, false, 'SH-2022', '[]', '1', '0', '1', 1, :at, '2026-05-10', 'c')")


def test_m15_existing_cases_keep_their_children_and_get_their_deadlines(database_url):
    d = definition()
    engine = make_engine(database_url("mrv_migration"))
    try:
        command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                       version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
        service = alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version", engine=engine)
        command.upgrade(service, "6d74ffa5a8a0")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO covered_entity (entity_id, name, sector, covered, registered_at) VALUES "
                              "('E-1', 'n', 'steel', true, :at)"),
                         {"at": datetime(2024, 12, 31, 17, tzinfo=timezone.utc)})
            conn.execute(text(CASE), {"r": "RPT-V", "e": "E-V", "s": "verified", "at": AT})
            conn.execute(text(CASE), {"r": "RPT-R", "e": "E-R", "s": "recheck", "at": AT})
            conn.execute(text("INSERT INTO recheck (report_id, seq, triggers, opened_at, due_by) VALUES "
                              "('RPT-R', 0, '[]', :at, '2026-05-10'), ('RPT-R', 1, '[]', :at, '2026-06-20')"),
                         {"at": AT})
        command.upgrade(service, "head")
        with engine.connect() as conn:
            due = dict(conn.execute(text("SELECT report_id, decision_due_by FROM report_case")).all())
            first = conn.execute(text("SELECT first_compliance_year, covered_from FROM covered_entity")).one()
            rechecks = conn.execute(text("SELECT count(*) FROM recheck WHERE report_id = 'RPT-R'")).scalar_one()
        assert {k: str(v) for k, v in due.items()} == {"RPT-V": "2026-05-10", "RPT-R": "2026-06-20"}
        assert tuple(first) == (2025, 2025)  # registered 1 January 2025, 01:00 Shanghai
        assert rechecks == 2
    finally:
        engine.dispose()
