"""M-38 over a real nats-server and database: the assigned agency's record (mrv's `verification.impeded`) of false
documents or concealed information (¶1: order to correct, fine 10,000–30,000 only if the deadline passes
uncorrected) or of refused documents or obstruction (¶2: order and fine 30,000–50,000 at once) opens one case."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import VerificationImpeded
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


def impeded(impediment_id: str, kind: str, article: str) -> VerificationImpeded:
    return VerificationImpeded(
        impediment_id=impediment_id, report_id="RPT-E-0003-2025", entity_id="E-0003", compliance_year=2025,
        agency_id="AG-001", recorded_by="verifier:V-001@V-001", kind=kind, article=article,
        description="fuel ledgers withheld", evidence=["minutes of 8 April"], occurred_on="2026-04-08",
        recorded_at="2026-04-10T10:00:00+08:00")


async def clock(svc, publish, now: str) -> None:
    await publish(CalendarTick(now=now))

    async def reached():
        seen = (await svc.client.get("/clock")).json()["now"]
        return seen is not None and CalendarTick(now=seen).now >= CalendarTick(now=now).now
    await eventually(reached)


async def case(svc, case_id: str, **expected):
    r = await svc.client.get(f"/cases/{case_id}", headers=svc.auth("enforcement_officer"))
    body = r.json() if r.status_code == 200 else None
    return body if body and all(body[k] == v for k, v in expected.items()) else None


async def test_m38_2_obstruction_opens_a_case_fined_at_once(settings, publish, nats_url, office):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.case.opened.v1") as opened:
        await clock(svc, publish, "2026-04-10T12:00:00+08:00")
        event = await publish(impeded("VI-1", "obstruction", "M-38-2"), correlation_id="corr-RPT-E-0003", copies=2)
        await publish(impeded("VI-1", "obstruction", "M-38-2"))  # the same record reported again
        found = await eventually(lambda: case(svc, "CASE-M38-2-VI-1", status="order_issued"))
        assert (found["article"], found["party_id"], found["source_ref"], found["correlation_id"]) == (
            "M-38-2", "E-0003", str(event.event_id), "corr-RPT-E-0003")
        assert "obstructed" in found["allegation"] and "AG-001" in found["allegation"]
        staff = office(svc)
        for amount in ("29999.99", "50000.01"):
            refused = await svc.client.post("/cases/CASE-M38-2-VI-1/penalty", headers=staff.li,
                                            json={"amount": amount, "reasons": "obstruction"})
            assert refused.status_code == 422 and refused.json()["article"] == "M-38-2"
        fined = await staff.fine("CASE-M38-2-VI-1", "30000.00", "fuel ledgers withheld twice")  # with the order
        assert fined["status"] == "fine_unpaid"
        await eventually(lambda: opened)
        assert len([e for e in opened if e["data"]["case_id"] == "CASE-M38-2-VI-1"]) == 1


async def test_m38_1_false_documents_fined_only_after_the_deadline_passes_uncorrected(settings, publish, office):
    async with running_service(build_runtime, settings) as svc:
        await clock(svc, publish, "2026-04-10T12:00:00+08:00")
        await publish(impeded("VI-2", "false_documents", "M-38-1"))
        found = await eventually(lambda: case(svc, "CASE-M38-1-VI-2", status="order_issued"))
        assert found["order_deadline"] == "2026-05-10"
        staff = office(svc)
        early = await svc.client.post("/cases/CASE-M38-1-VI-2/penalty", headers=staff.li,
                                      json={"amount": "10000.00", "reasons": "false documents"})
        assert early.status_code == 422 and early.json()["article"] == "M-38-1"
        await clock(svc, publish, "2026-05-11T00:00:00+08:00")  # the day after the order's last day
        await eventually(lambda: case(svc, "CASE-M38-1-VI-2", status="overdue"))
        assert (await staff.fine("CASE-M38-1-VI-2", "30000.00", "not corrected"))["fine_amount"] == "30000.00"
