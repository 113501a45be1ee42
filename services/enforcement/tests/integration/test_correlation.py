"""One correlation id per compliance case, end to end: every event of a case — opened from another service's event,
stepped by a tick, or by an officer's request — carries the case's correlation id (a request acting on it is the
causation), and the case's API shows it."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import ShortfallDetected
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


async def test_s8_every_event_of_a_case_carries_its_correlation_id(settings, publish, nats_url, office):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.>") as events:
        await publish(CalendarTick(now="2026-07-01T00:00:00+08:00"))
        shortfall = await publish(ShortfallDetected(
            entity_id="E-0060", compliance_year=2025, obligation=50_000, surrendered=40_000, shortfall=10_000,
            detected_at="2026-07-01T00:00:00+08:00"), correlation_id="year-2025:E-0060")
        staff = office(svc)

        async def opened():
            r = await svc.client.get("/cases/CASE-M39-E-0060-2025", headers=staff.li)
            return r.json() if r.status_code == 200 else None

        case = await eventually(opened)
        assert case["correlation_id"] == "year-2025:E-0060"
        request_id = "officer-request-17"
        r = await svc.client.post("/cases/CASE-M39-E-0060-2025/measures", headers={
            **staff.li, "X-Correlation-Id": request_id}, json={"measures": ["credit_record"], "reasons": "M-40(1)"})
        assert r.status_code == 200
        approval = await svc.client.post("/cases/CASE-M39-E-0060-2025/decisions/1/approval", headers={
            **staff.zhao, "X-Correlation-Id": "officer-request-18"}, json={"reasons": "agreed"})
        assert approval.status_code == 200
        await eventually(lambda: any(e["event_type"] == "enforcement.credit-record.entered" for e in events))
        assert {e["correlation_id"] for e in events} == {"year-2025:E-0060"}
        by_type = {e["event_type"]: e for e in events}
        assert by_type["enforcement.case.opened"]["causation_id"] == str(shortfall.event_id)
        assert by_type["enforcement.decision.proposed"]["causation_id"] == request_id
        assert by_type["enforcement.credit-record.entered"]["causation_id"] == "officer-request-18"
        assert by_type["enforcement.departments.notified"]["causation_id"] == "officer-request-18"
        audit = (await svc.client.get("/audit", params={"correlation_id": "year-2025:E-0060"},
                                      headers=staff.wang)).json()
        assert {"enforcement.case.opened", "enforcement.credit-record.entered"} <= {a["action"] for a in audit}
