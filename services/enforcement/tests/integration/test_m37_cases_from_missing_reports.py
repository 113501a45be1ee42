"""M-37 over a real nats-server and database: mrv's finding that a covered entity had no report (M-12) or no
monitoring plan (M-11) at the deadline opens one case with an order to correct, under the finding's correlation id;
the late report or plan corrects it — in time without a fine, after the deadline with the fine of 10,000–30,000 due;
a reporting-only emitter opens no case; a late report right behind its finding corrects the case. And M-39:
the case of an entity in shortfall follows a revised determination."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import ShortfallDetected, ShortfallRevised
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import (
    EmissionReportMissing, EmissionReportSubmitted, MonitoringPlanFiled, MonitoringPlanMissing,
)
from ets_shared.persistence.tables import InboxMessage
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio
APRIL_1 = "2026-04-01T00:00:00+08:00"


def missing(entity_id: str, covered: bool = True) -> EmissionReportMissing:
    return EmissionReportMissing(report_id=f"RPT-{entity_id}-2025", entity_id=entity_id, compliance_year=2025,
                                 covered=covered, due_on="2026-03-31", found_at=APRIL_1)


def late_report(entity_id: str, at: str) -> EmissionReportSubmitted:
    return EmissionReportSubmitted(report_id=f"RPT-{entity_id}-2025", entity_id=entity_id, compliance_year=2025,
                                   reported_emissions=50_000, factor_set_id="SH-2022", late=True, submitted_at=at)


async def tick(svc, publish, now: str) -> None:
    envelope = await publish(CalendarTick(now=now))

    async def reached():
        clock = (await svc.client.get("/clock")).json()["now"]
        return clock is not None and CalendarTick(now=clock).now >= envelope.data.now
    await eventually(reached)


async def applied(svc, envelope) -> None:
    """Until the service's inbox holds the event: what it did with it is committed."""
    def done() -> bool:
        with svc.runtime.read_session_factory() as session:
            return session.get(InboxMessage, str(envelope.event_id)) is not None
    await eventually(done)


async def case(svc, case_id: str, **expected):
    r = await svc.client.get(f"/cases/{case_id}", headers=svc.auth("enforcement_officer"))
    if r.status_code != 200:
        return None
    body = r.json()
    return body if all(body[k] == v for k, v in expected.items()) else None


async def test_m37_missing_report_opens_one_case_with_an_order_and_a_timely_report_closes_it(
        settings, nats_url, publish):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.>") as received:
        await tick(svc, publish, APRIL_1)
        finding = await publish(missing("E-1"), correlation_id="case-E-1-2025", copies=2)
        await publish(missing("E-1"), correlation_id="again")  # the same violation found again
        await publish(missing("SMALL", covered=False))
        opened = await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="order_issued"))
        assert (opened["article"], opened["source"], opened["source_ref"], opened["order_kind"],
                opened["order_deadline"]) == ("M-37", "event", str(finding.event_id), "correct", "2026-05-01")
        assert opened["correlation_id"] == "case-E-1-2025"
        assert "emission report (M-12)" in opened["allegation"]
        await eventually(lambda: len(received) >= 2)
        assert [(e["event_type"], e["correlation_id"], e["causation_id"]) for e in received] == [
            ("enforcement.case.opened", "case-E-1-2025", str(finding.event_id)),
            ("enforcement.order.issued", "case-E-1-2025", str(finding.event_id))]
        cases = (await svc.client.get("/cases", params={"article": "M-37"},
                                      headers=svc.auth("enforcement_officer"))).json()
        assert [c["case_id"] for c in cases] == ["CASE-M37-E-1-2025-report"]  # none for the reporting-only emitter
        mine = await svc.client.get("/cases", headers=svc.auth("entity", "E-1"))
        assert [c["case_id"] for c in mine.json()] == ["CASE-M37-E-1-2025-report"]
        assert (await svc.client.get("/cases/CASE-M37-E-1-2025-report",
                                     headers=svc.auth("entity", "E-2"))).status_code == 403

        await publish(late_report("E-1", "2026-05-01T23:59:59+08:00"))  # the order's last day: in time
        closed = await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="closed"))
        assert closed["closure"] == "corrected" and closed["fine_amount"] is None
        await eventually(lambda: any(e["event_type"] == "enforcement.case.closed" for e in received))


async def test_m37_fine_only_after_the_deadline_passes_uncorrected(settings, publish, office):
    async with running_service(build_runtime, settings) as svc:
        await tick(svc, publish, APRIL_1)
        await publish(missing("E-1"))
        await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="order_issued"))
        await tick(svc, publish, "2026-05-02T00:00:00+08:00")  # the day after the deadline
        await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="overdue"))
        await publish(late_report("E-1", "2026-05-10T10:00:00+08:00"))
        corrected = await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="awaiting_decision"))
        assert corrected["closed_at"] is None  # corrected late: "逾期未改正的,处以…罚款"
        officer = svc.auth("enforcement_officer")
        for amount in ("9999.99", "30000.01"):
            refused = await svc.client.post("/cases/CASE-M37-E-1-2025-report/penalty",
                                            json={"amount": amount, "reasons": "late"}, headers=officer)
            assert refused.status_code == 422 and refused.json()["field"] == "amount"
        fined = await office(svc).fine("CASE-M37-E-1-2025-report", "10000.00",
                                       "report filed after the order's deadline")
        assert fined["status"] == "fine_unpaid"


async def test_m37_missing_monitoring_plan_opens_a_case_a_late_plan_corrects_it(settings, publish):
    async with running_service(build_runtime, settings) as svc:
        await tick(svc, publish, "2026-01-01T00:00:00+08:00")
        await publish(MonitoringPlanMissing(entity_id="E-1", compliance_year=2026, due_on="2025-12-31",
                                            found_at="2026-01-01T00:00:00+08:00"))
        opened = await eventually(lambda: case(svc, "CASE-M37-E-1-2026-monitoring-plan", status="order_issued"))
        assert "monitoring plan (M-11)" in opened["allegation"]
        await publish(MonitoringPlanFiled(plan_id="MP-E-1-2026", entity_id="E-1", compliance_year=2026, version=1,
                                          major_change=False, late=True, filed_at="2026-01-10T10:00:00+08:00"))
        closed = await eventually(lambda: case(svc, "CASE-M37-E-1-2026-monitoring-plan", status="closed"))
        assert closed["closure"] == "corrected"


async def test_m37_late_report_right_behind_its_finding_corrects_the_case(settings, publish):
    """The mrv's events arrive in the order it published them: the finding, then the late report (the same pulled
    batch) — the case opens with its order and the report corrects it."""
    async with running_service(build_runtime, settings) as svc:
        await tick(svc, publish, "2026-04-05T00:00:00+08:00")
        await publish(missing("E-1"))
        await publish(late_report("E-1", "2026-04-05T10:00:00+08:00"))
        closed = await eventually(lambda: case(svc, "CASE-M37-E-1-2025-report", status="closed"))
        assert closed["closure"] == "corrected" and [s["kind"] for s in closed["history"]] == [
            "opened", "order_issued", "corrected", "closed"]


async def test_m39_case_follows_a_revised_shortfall(settings, publish):
    def revised(entity_id: str, shortfall: int, at: str) -> ShortfallRevised:
        return ShortfallRevised(entity_id=entity_id, compliance_year=2025, obligation=60_000 + shortfall,
                                surrendered=60_000, shortfall=shortfall, determination_id=f"DET-{entity_id}-r2",
                                revision=2, revised_at=at)

    async with running_service(build_runtime, settings) as svc:
        await tick(svc, publish, "2026-07-01T00:00:00+08:00")
        await publish(ShortfallDetected(entity_id="E-1", compliance_year=2025, obligation=90_000, surrendered=60_000,
                                        shortfall=30_000, detected_at="2026-07-01T00:00:00+08:00"))
        await eventually(lambda: case(svc, "CASE-M39-E-1-2025", outstanding_tonnes=30_000))
        await publish(revised("E-1", 35_000, "2026-07-10T10:00:00+08:00"))
        raised = await eventually(lambda: case(svc, "CASE-M39-E-1-2025", outstanding_tonnes=35_000))
        assert raised["shortfall_tonnes"] == 30_000 and raised["history"][-1]["kind"] == "shortfall_revised"
        await publish(revised("E-1", 5_000, "2026-07-12T10:00:00+08:00"))
        await eventually(lambda: case(svc, "CASE-M39-E-1-2025", outstanding_tonnes=5_000))

        await publish(ShortfallDetected(entity_id="E-2", compliance_year=2025, obligation=70_000, surrendered=60_000,
                                        shortfall=10_000, detected_at="2026-07-01T00:00:00+08:00"))
        await publish(revised("E-2", 12_000, "2026-07-10T10:00:00+08:00"))  # right behind it, in order
        await eventually(lambda: case(svc, "CASE-M39-E-2-2025", outstanding_tonnes=12_000))
