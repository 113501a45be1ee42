"""Cases opened by a consumed batch, set-based: which cases are new is read ahead in one query, and the new case rows
and decision-log entries are written together at the commit (`adapters.collected_writes`). The batch must still do
what the events one by one would: one case per violation with its order, under each event's correlation id, the
hash chain intact; a poison event rolls the batch back and the per-event fallback applies the others once; a
redelivered event changes nothing; a later event of the same batch finds the case an earlier one opened."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ets_shared.contracts.allocation import ObligationSettled, ShortfallDetected
from ets_shared.contracts.base import EventData
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.enforcement import CaseOpened, OrderComplied, OrderIssued
from ets_shared.contracts.mrv import EmissionReportMissing, EmissionReportSubmitted
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.messaging.consumers import Delivery
from ets_shared.persistence.tables import InboxMessage, OutboxMessage
from ets_shared.testing.service import running_service
from enforcement.adapters.decision_log import DecisionLog
from enforcement.adapters.orm import PenaltyCaseRow
from enforcement.adapters.repository import CaseRepository
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio
JULY_1 = "2026-07-01T00:00:00+08:00"


def shortfall(entity_id: str, year: int = 2025) -> ShortfallDetected:
    return ShortfallDetected(entity_id=entity_id, compliance_year=year, obligation=90_000, surrendered=60_000,
                             shortfall=30_000, detected_at=JULY_1)


def event(data: EventData, correlation_id: str | None = None) -> Envelope:
    return wrap(data, producer=type(data).contract.producer, context=MessageContext.new("test", correlation_id))


def deliveries(svc, *envelopes: Envelope) -> list[Delivery]:
    routes = svc.runtime.routes[envelopes[0].producer]
    return [Delivery.decode(type(e.data).contract.subject, e.model_dump_json().encode(), routes) for e in envelopes]


async def clock_at(svc, now: str) -> None:
    await svc.runtime.applier.apply(deliveries(svc, event(CalendarTick(now=now))))


def stored(svc):
    """Every case with its steps and the events published about it, and the decision log's check."""
    with svc.runtime.read_session_factory() as session:
        ids = list(session.execute(select(PenaltyCaseRow.case_id).order_by(PenaltyCaseRow.case_id)).scalars())
        cases = {case_id: CaseRepository(session).get(case_id) for case_id in ids}
        events = {}
        for row in session.execute(select(OutboxMessage).order_by(OutboxMessage.seq)).scalars():
            events.setdefault(row.correlation_id, []).append(row.subject)
        return cases, events, DecisionLog(session).verify()


def inbox(svc) -> int:
    with svc.runtime.read_session_factory() as session:
        return session.scalar(select(func.count()).select_from(InboxMessage))


async def test_a_batch_of_shortfalls_with_a_poison_in_the_middle_opens_each_case_once(settings):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, JULY_1)
        first, second, third = (event(shortfall(e), f"corr-{e}") for e in ("E-1", "E-2", "E-3"))
        poison = event(shortfall("E-9", year=2026), "corr-E-9")  # the current year: refused by M-39's rule
        batch = deliveries(svc, first, second, poison, first, third)  # E-1 twice: a redelivery in the batch
        before = inbox(svc)
        await svc.runtime.applier.apply(batch)
        cases, events, chain = stored(svc)
        assert sorted(cases) == ["CASE-M39-E-1-2025", "CASE-M39-E-2-2025", "CASE-M39-E-3-2025"]
        for entity_id in ("E-1", "E-2", "E-3"):
            case = cases[f"CASE-M39-{entity_id}-2025"]
            assert [s.kind.value for s in case.history] == ["opened", "order_issued"]
            assert case.correlation_id == f"corr-{entity_id}" and case.status.value == "order_issued"
            assert events[f"corr-{entity_id}"] == [CaseOpened.contract.subject, OrderIssued.contract.subject]
        assert cases["CASE-M39-E-1-2025"].source_ref == str(first.event_id)
        assert chain.intact and chain.entries == 6
        assert inbox(svc) == before + 3  # the poison is not applied
        letters = (await svc.client.get("/dead-letters", headers=svc.auth("authority"))).json()
        assert len(letters) == 1 and "RuleViolation" in letters[0]["error"] and "E-9" in letters[0]["payload"]

        await svc.runtime.applier.apply(deliveries(svc, second, third))  # redelivered in a later batch
        assert stored(svc)[1:] == (events, chain) and inbox(svc) == before + 3


async def test_a_later_event_of_the_batch_finds_the_case_an_earlier_one_opened(settings):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, JULY_1)
        opened = event(shortfall("E-4"), "corr-E-4")
        settled = event(ObligationSettled(entity_id="E-4", compliance_year=2025, obligation=90_000,
                                          surrendered=90_000, late=True, settled_at="2026-07-10T10:00:00+08:00"))
        again = event(shortfall("E-4"), "corr-again")  # another event for the same violation: no second case
        await svc.runtime.applier.apply(deliveries(svc, opened, settled, again))
        cases, events, chain = stored(svc)
        case = cases["CASE-M39-E-4-2025"]
        assert list(cases) == ["CASE-M39-E-4-2025"]
        assert [s.kind.value for s in case.history] == ["opened", "order_issued", "obligation_settled"]
        assert case.complied_at is not None and events["corr-E-4"][-1] == OrderComplied.contract.subject
        assert "corr-again" not in events and chain.intact and chain.entries == 3


async def test_a_missing_report_and_its_late_report_in_one_batch_correct_the_case(settings):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, "2026-04-01T00:00:00+08:00")
        missing = event(EmissionReportMissing(report_id="RPT-E-5-2025", entity_id="E-5", compliance_year=2025,
                                              covered=True, due_on="2026-03-31",
                                              found_at="2026-04-01T00:00:00+08:00"), "corr-E-5")
        late = event(EmissionReportSubmitted(report_id="RPT-E-5-2025", entity_id="E-5", compliance_year=2025,
                                             reported_emissions=50_000, factor_set_id="SH-2022", late=True,
                                             submitted_at="2026-04-03T10:00:00+08:00"), "corr-E-5")
        await svc.runtime.applier.apply(deliveries(svc, missing, late))
        cases, _, chain = stored(svc)
        case = cases["CASE-M37-E-5-2025-report"]
        assert [s.kind.value for s in case.history] == ["opened", "order_issued", "corrected", "closed"]
        assert chain.intact and chain.entries == 4


async def test_a_consumed_batch_takes_the_decision_logs_lock_once_not_per_event(settings):
    """PostgreSQL: the decision log's one-writer lock is a transaction's, taken when its first unit of work opens;
    the events of a consumed batch (each opening the repositories afresh) do not ask for it again."""
    from sqlalchemy import event as sa_event

    from enforcement.adapters.decision_log import LOCK_KEY

    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, JULY_1)
        locks: list[object] = []
        sa_event.listen(svc.runtime.engine, "before_cursor_execute",
                        lambda _c, _cur, statement, parameters, _ctx, _many: locks.append(parameters)
                        if "pg_advisory_xact_lock" in statement and LOCK_KEY in _values(parameters) else None)
        batch = deliveries(svc, *(event(shortfall(f"E-{n}"), f"corr-E-{n}") for n in range(5)))
        await svc.runtime.applier.apply(batch)
        cases, _events, chain = stored(svc)
        assert len(cases) == 5 and chain.intact
        dialect = svc.runtime.engine.dialect.name
        assert len(locks) == (1 if dialect == "postgresql" else 0)


def _values(parameters) -> list[object]:
    return list(parameters.values()) if isinstance(parameters, dict) else list(parameters or [])
