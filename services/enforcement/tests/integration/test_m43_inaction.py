"""M-43: an official's inaction must be provable — a case left waiting for the officer's next act is flagged in its
history after the year's `inaction_alert_days`, also when the authority shortens that period while it waits."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.testing.service import eventually, running_service
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


async def tick(svc, publish, now: str) -> None:  # noqa: ANN001
    want = CalendarTick(now=now).now

    async def reached() -> bool:
        seen = (await svc.client.get("/clock")).json()["now"]
        return seen is not None and CalendarTick(now=seen).now >= want

    await publish(CalendarTick(now=now))
    await eventually(reached)


async def test_m43_waiting_case_flagged_after_the_years_alert_days(settings, publish):
    async with running_service(build_runtime, settings) as svc:
        officer = svc.auth("enforcement_officer")
        await tick(svc, publish, "2026-08-01T09:00:00+08:00")
        opened = await svc.client.post("/cases", headers=officer, json={
            "article": "M-37", "party_kind": "covered_entity", "party_id": "E-0020", "case_id": "CASE-43",
            "allegation": "emission report refused"})
        assert opened.status_code == 201 and opened.json()["status"] == "opened"  # waits for the officer's order
        shorter = await svc.client.put("/policy/2026", params={"reason": "M-43 alerts after 5 days"},
                                       headers=svc.auth("authority"), json={"inaction_alert_days": 5})
        assert shorter.status_code == 200
        await tick(svc, publish, "2026-08-06T08:59:59+08:00")

        async def kinds() -> list[str]:
            case = (await svc.client.get("/cases/CASE-43", headers=officer)).json()
            return [s["kind"] for s in case["history"]]

        assert await kinds() == ["opened"]
        await tick(svc, publish, "2026-08-06T09:00:00+08:00")
        assert await kinds() == ["opened", "inaction_flagged"]
        audit = (await svc.client.get("/audit", params={"subject_ref": "case:CASE-43"},
                                      headers=svc.auth("authority"))).json()
        assert "enforcement.case.inaction_flagged" in [a["action"] for a in audit]
        await tick(svc, publish, "2026-09-30T09:00:00+08:00")
        assert await kinds() == ["opened", "inaction_flagged"]  # flagged once per waiting period
