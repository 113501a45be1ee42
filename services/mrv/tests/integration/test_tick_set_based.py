"""The tick's work for many entities at once, set-based: what it finds at a deadline for every entity of a year is
written in a statement per table, not a statement (or an ORM flush) per entity, and still published as one event per
entity, each its own compliance case, in entity order. Shown by the statements the tick runs, not by its time.
In-process (migrated database, no NATS): the tick's handler in a unit of work, as the consumer runs it."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import event, select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import MonitoringPlanMissing
from ets_shared.envelope import MessageContext
from ets_shared.persistence.tables import OutboxMessage
from ets_shared.runtime import ServiceRuntime
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import migrated_runtime
from mrv.adapters.orm import MonitoringPlanRow
from mrv.bootstrap import build_runtime
from mrv.service_layer.handlers import on_calendar_tick

ENTITIES = 300


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


@pytest.fixture
def runtime(database_url) -> Iterator[ServiceRuntime]:
    runtime = migrated_runtime(build_runtime, ServiceSettings.for_service("mrv", database_url=database_url("mrv")))
    yield runtime
    runtime.engine.dispose()


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
