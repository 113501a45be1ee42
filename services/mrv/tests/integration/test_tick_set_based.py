"""The tick's work for many entities at once, set-based: what it finds at a deadline for every entity of a year is
written in a statement per table, not a statement (or an ORM flush) per entity, and still published as one event per
entity, each its own compliance case, in entity order. Shown by the statements the tick runs, not by its time.
In-process (migrated database, no NATS): the tick's handler in a unit of work, as the consumer runs it."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import event, insert, select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import EmissionsDeterminedV2, MonitoringPlanMissing
from ets_shared.envelope import MessageContext
from ets_shared.persistence.policy import store_policy
from ets_shared.persistence.tables import OutboxMessage
from ets_shared.runtime import ServiceRuntime
from mrv.adapters.orm import DeterminationRow, MonitoringPlanRow, RecheckRow, ReportCaseRow, VerificationRow
from mrv.adapters.policy_repository import MrvPolicyModel, load_mrv_policy
from mrv.service_layer.handlers import on_calendar_tick

ENTITIES = 300


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def register(runtime: ServiceRuntime, entity_ids: list[str], year: int = 2025) -> None:
    with runtime.uow(MessageContext.new("test")) as uow:
        for entity_id in entity_ids:
            uow.entities.record(entity_id, f"Entity {entity_id}", "steel", True, sh(year, 1, 5), year)
        uow.commit()


def tick(runtime: ServiceRuntime, at: datetime) -> list[str]:
    """Run the tick's handler at `at` in one transaction; the SQL statements it ran."""
    statements: list[str] = []

    def counted(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", counted)
    try:
        with runtime.uow(MessageContext.new("calendar")) as uow:
            on_calendar_tick(CalendarTick(now=at), uow)
            uow.commit()
    finally:
        event.remove(runtime.engine, "before_cursor_execute", counted)
    return statements


def events(runtime: ServiceRuntime, subject: str) -> list[dict]:
    with runtime.session_factory() as session:
        return [json.loads(p) for p in session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject == subject).order_by(OutboxMessage.seq)).scalars()]


def test_m11_every_plan_found_missing_at_the_deadline_is_written_in_one_insert(runtime):
    entity_ids = [f"E-{n:04d}" for n in range(ENTITIES)]
    register(runtime, entity_ids)
    statements = tick(runtime, sh(2026, 1, 5))  # the 2026 plans were due by 31 Dec 2025
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO MONITORING_PLAN ")]
    assert len(inserts) == 1, inserts  # one per plan (an ORM flush each) before
    with runtime.session_factory() as session:
        rows = {r.entity_id: r for r in session.execute(select(MonitoringPlanRow)).scalars()}
    assert sorted(rows) == entity_ids
    assert all(r.compliance_year == 2026 and r.missing_at == sh(2026, 1, 5) and not r.late for r in rows.values())
    missing = events(runtime, MonitoringPlanMissing.contract.subject)
    assert [e["data"]["entity_id"] for e in missing] == entity_ids  # one each, in entity order
    assert [e["correlation_id"] for e in missing] == [rows[e].correlation_id for e in entity_ids]
    assert len({e["correlation_id"] for e in missing}) == ENTITIES  # each a compliance case of its own
    assert tick(runtime, sh(2026, 1, 6)) and len(events(runtime, MonitoringPlanMissing.contract.subject)) == ENTITIES


def seed_verified(runtime: ServiceRuntime, entity_ids: list[str]) -> None:
    """Verified 2025 cases, their objection period over by 28 Apr 2026, under the year's automatic option."""
    with runtime.uow(MessageContext.new("test")) as uow:
        store_policy(uow, 2025, MrvPolicyModel.default(2025).model_copy(update={"automatic_determination": True}),
                     "automatic determination")
        uow.commit()
    source = [{"kind": "process", "quantity": "10000", "unit": "tCO2e", "fuel": None, "description": ""}]
    breakdown = {"direct": "10000", "indirect": "0", "total": "10000", "factor_set_id": "SH-2022"}
    with runtime.session_factory() as session:
        session.execute(insert(ReportCaseRow), [
            {"report_id": f"RPT-{e}-2025", "entity_id": e, "compliance_year": 2025, "state": "verified",
             "covered": True, "late": False, "sources": source, **breakdown, "reported_emissions": 10_000,
             "submitted_at": sh(2026, 3, 20), "determination_due_by": sh(2026, 5, 20).date(),
             "auto_determine_at": sh(2026, 4, 27), "correlation_id": f"case-{e}"} for e in entity_ids])
        session.execute(insert(VerificationRow), [
            {"report_id": f"RPT-{e}-2025", "verification_id": f"VER-{e}-2025", "agency_id": "AG-1",
             "verifier_id": "V-1", "certificate_no": "HCZ-1", "verified_sources": source, **breakdown,
             "verified_emissions": 10_000 + n, "findings": [], "submitted_at": sh(2026, 4, 20), "late": False}
            for n, e in enumerate(entity_ids)])
        session.commit()


def test_m15_the_tick_reads_the_due_cases_as_rows_not_orm_objects_and_writes_back_what_changed(runtime):
    entity_ids = [f"E-{n:04d}" for n in range(ENTITIES)]
    seed_verified(runtime, entity_ids)
    with runtime.uow(MessageContext.new("calendar")) as uow:
        uow.advance_clock(sh(2026, 4, 28))
        cases = uow.reports.due_for_determination(sh(2026, 4, 28))
        # read with Core: no ORM object per case and per child row (building them was a third of the tick's CPU)
        assert not [o for o in uow.session.identity_map.values() if isinstance(o, (ReportCaseRow, VerificationRow))]
        assert [c.verification.emissions for c in cases if c.verification] == [10_000 + n for n in range(ENTITIES)]
        uow.rollback()
    statements = tick(runtime, sh(2026, 4, 28))
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE REPORT_CASE ")]
    assert len(updates) == 1, updates  # one multi-row UPDATE of the changed columns
    with runtime.session_factory() as session:
        states = session.execute(select(ReportCaseRow.state, ReportCaseRow.auto_determine_at)).all()
        determined = session.execute(select(DeterminationRow.entity_id, DeterminationRow.emissions)
                                     .order_by(DeterminationRow.entity_id)).all()
    assert set(states) == {("determined", None)}
    assert determined == [(e, 10_000 + n) for n, e in enumerate(entity_ids)]
    made = events(runtime, EmissionsDeterminedV2.contract.subject)
    assert [e["correlation_id"] for e in made] == [f"case-{e}" for e in entity_ids]


def test_m15_a_case_read_as_a_row_and_saved_alone_writes_its_changed_columns_at_once(runtime):
    seed_verified(runtime, ["E-1"])
    with runtime.uow(MessageContext.new("authority")) as uow:
        case = uow.reports.get("RPT-E-1-2025")
        case.open_recheck("figures to be checked on site", sh(2026, 4, 25), load_mrv_policy(uow.session, 2025))
        uow.reports.save(case, auto_determine_at=None)
        with uow.session.no_autoflush:  # the UPDATE went out with the save, not at a later flush
            assert uow.session.execute(select(ReportCaseRow.state)).scalar_one() == "recheck"
        case.open_recheck("a second reason", sh(2026, 4, 26), load_mrv_policy(uow.session, 2025))
        uow.reports.save(case, auto_determine_at=None)  # the open re-check grows: its triggers updated
        uow.commit()
    with runtime.session_factory() as session:
        row = session.execute(select(ReportCaseRow)).scalar_one()
        [recheck] = session.execute(select(RecheckRow)).scalars()
    assert (row.state, row.auto_determine_at, row.decision_due_by) == ("recheck", None, recheck.due_by)
    assert [t["code"] for t in recheck.triggers] == ["AUTHORITY", "AUTHORITY"]
