"""M-10 in the mrv: a merged-away entity reports no year from the merger on; its successor files, amends and reads
the predecessor's reports of the years before it (its duty and history passed on); anyone else is refused."""
from __future__ import annotations

from datetime import date

import pytest

from ets_shared.contracts.allocation import SuccessionApproved, SuccessorShare
from ets_shared.contracts.mrv import EmissionReportMissing, MonitoringPlanMissing
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def test_m10_successor_takes_over_the_predecessors_reporting_duty_and_history(world, nats_url):
    sh = world.sh
    for entity_id in ("E-A", "E-S", "E-X"):
        await world.register(entity_id, first_year=2025, at=sh(2025, 1, 5))
    await world.tick(sh(2026, 2, 10))
    await world.applied(await world.send(SuccessionApproved(
        succession_id="SUC-1", kind="merger", predecessor_ids=["E-A"],
        successors=[SuccessorShare(entity_id="E-S", holdings_share="100", obligations_share="100")],
        effective_on=date(2026, 2, 1), transaction_ids=[], obligations=[], approved_at=sh(2026, 2, 10)),
        "allocation"))
    body = {"compliance_year": 2025, "sources": world.process(9_000), "entity_id": "E-A"}
    stranger = await world.client.post("/reports", json=body, headers=world.svc.auth("entity", "E-X"))
    assert stranger.status_code == 403 and stranger.json()["field"] == "entity_id"
    filed = await world.client.post("/reports", json=body, headers=world.svc.auth("entity", "E-S"))
    assert filed.status_code == 201 and filed.json()["report_id"] == "RPT-E-A-2025"
    amended = await world.client.put("/reports/RPT-E-A-2025", json={"sources": world.process(9_100)},
                                     headers=world.svc.auth("entity", "E-S"))
    assert amended.status_code == 200, amended.text
    assert (await world.client.get("/reports/RPT-E-A-2025", headers=world.svc.auth("entity", "E-S"))).status_code \
        == 200
    assert (await world.client.get("/reports/RPT-E-A-2025", headers=world.svc.auth("entity", "E-X"))).status_code \
        == 403
    async with subject_listener(nats_url, MonitoringPlanMissing.contract.subject) as plans, \
            subject_listener(nats_url, EmissionReportMissing.contract.subject) as reports:
        await world.tick(sh(2027, 1, 1))
        await world.tick(sh(2027, 4, 1))
        await eventually(lambda: any(e["data"]["entity_id"] == "E-S" for e in reports))
    assert not any(e["data"]["entity_id"] == "E-A" for e in plans + reports)  # no 2026 duty of its own
