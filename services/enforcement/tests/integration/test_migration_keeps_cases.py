"""The move to the decision log (revision 1c2780cec4a2) keeps every case, on SQLite and PostgreSQL: the steps become
hash-chained log entries that verify, cases gain their opener and the correlation id of their first audit record,
measures their windows; the triggers refuse to change the log; and the downgrade gives the steps and years back."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable
from enforcement.adapters.decision_log import DecisionLog
from enforcement.bootstrap import definition

BEFORE, AFTER = "0292437dd0f6", "1c2780cec4a2"
OPENED, FINED = datetime(2026, 6, 30, 16, 0, 5, tzinfo=timezone.utc), datetime(2026, 8, 5, 2, tzinfo=timezone.utc)


def rows(conn, sql: str) -> list[dict]:
    return [dict(r) for r in conn.execute(text(sql)).mappings()]


def test_m43_migration_moves_every_step_into_the_verified_decision_log_and_back(database_url):
    engine = make_engine(database_url("enf_migration"))
    d = definition()
    platform = alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                              version_table=PLATFORM_VERSION_TABLE, engine=engine)
    service = alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version", engine=engine)
    try:
        command.upgrade(platform, "head")
        command.upgrade(service, BEFORE)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO penalty_case (case_id, article, party_kind, party_id, opened_at, source, allegation, "
                "order_kind, order_detail, source_ref, compliance_year, shortfall_tonnes, outstanding_tonnes, status, "
                "fine_amount, fine_decided_at, measures_applied) VALUES ('CASE-M39-E-1-2025', 'M-39', "
                "'covered_entity', 'E-1', :opened, 'event', 'short', 'surrender', 'surrender 10 t', 'evt-1', 2025, "
                "10, 10, 'fine_unpaid', '80000.00', :fined, 'credit_record,award_ineligible')"),
                {"opened": OPENED, "fined": FINED})
            for seq, (kind, actor, at) in enumerate([("opened", "event:allocation.shortfall", OPENED),
                                                    ("order_issued", "event:allocation.shortfall", OPENED),
                                                    ("fine_decided", "enforcement_officer:li", FINED),
                                                    ("measures_applied", "authority:wang", FINED)], start=1):
                conn.execute(text("INSERT INTO case_step (case_id, seq, at, kind, actor, detail) VALUES "
                                  "('CASE-M39-E-1-2025', :seq, :at, :kind, :actor, 'as it was')"),
                             {"seq": seq, "at": at, "kind": kind, "actor": actor})
            for effect, kind in (("credit_record_entered", "credit_record"), ("published", "credit_record"),
                                 ("award_ineligible", "award_ineligible")):
                conn.execute(text("INSERT INTO measure (case_id, effect, party_id, kind, article, departments, "
                                  "from_year, to_year, decided_at, detail) VALUES ('CASE-M39-E-1-2025', :e, 'E-1', "
                                  ":k, 'M-40(1)', 'public', NULL, NULL, :at, 'd')"), {"e": effect, "k": kind,
                                                                                     "at": FINED})
            conn.execute(text("INSERT INTO audit_record (at, actor, action, subject_ref, correlation_id, detail) "
                              "VALUES (:at, 'event', 'enforcement.case.opened', 'case:CASE-M39-E-1-2025', "
                              "'corr-E-1-2025', '{}')"), {"at": OPENED})
        command.upgrade(service, AFTER)
        with engine.connect() as conn:
            [case] = rows(conn, "SELECT opened_by, correlation_id, fine_decided_by, fine_public_until FROM "
                                "penalty_case")
            assert (case["opened_by"], case["correlation_id"], case["fine_decided_by"]) == (
                "event:allocation.shortfall", "corr-E-1-2025", "enforcement_officer:li")
            assert str(case["fine_public_until"]) == "2029-08-04"
            windows = {r["effect"]: (str(r["starts_on"]), str(r["ends_on"]), r["decision_no"])
                       for r in rows(conn, "SELECT effect, starts_on, ends_on, decision_no FROM measure")}
            assert windows == {"credit_record_entered": ("2026-08-05", "2029-08-04", 1),
                               "published": ("2026-08-05", "2029-08-04", 1),
                               "award_ineligible": ("2026-08-05", "2029-08-04", 1)}
        from sqlalchemy.orm import Session
        with Session(engine) as session:
            log = DecisionLog(session)
            assert [e.kind for e in log.entries()] == ["opened", "order_issued", "fine_decided", "measures_applied"]
            check = log.verify()
            assert (check.intact, check.entries) == (True, 4)
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM decision_log"))
        command.downgrade(service, BEFORE)
        with engine.connect() as conn:
            steps = rows(conn, "SELECT seq, kind, actor FROM case_step ORDER BY seq")
            assert [(s["seq"], s["kind"]) for s in steps] == [(1, "opened"), (2, "order_issued"),
                                                               (3, "fine_decided"), (4, "measures_applied")]
            assert rows(conn, "SELECT measures_applied FROM penalty_case") == [
                {"measures_applied": "credit_record,award_ineligible"}]
            years = {r["effect"]: (r["from_year"], r["to_year"])
                     for r in rows(conn, "SELECT effect, from_year, to_year FROM measure")}
            assert years == {"credit_record_entered": (None, None), "published": (None, None),
                             "award_ineligible": (2026, 2029)}
        command.upgrade(service, "head")
    finally:
        engine.dispose()
