"""M-15 ¶1 over the running service with the year's `automatic_determination` option: a verified case without a
re-check trigger is determined from the verified figure at the first tick after the objection period, under the
correlation id of the report's submission; stale ticks change nothing; the objection period is a per-year policy.
(Without the option the authority determines: `test_m15_authority_determination`.)"""
from __future__ import annotations

from datetime import timedelta

import pytest

from ets_shared.contracts.mrv import EmissionsDetermined
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def verified_case(world, entity_id: str = "E-1", *, correlation: str | None = None) -> dict:
    headers = {"X-Correlation-Id": correlation} if correlation else {}
    report = await world.report(entity_id, 2025, world.process(10_000), **headers)
    await world.verify(report["report_id"], world.process(10_200))
    return report


async def determinations(world, year: int = 2025) -> list[dict]:
    return (await world.client.get("/determinations", params={"compliance_year": year},
                                   headers=world.authority)).json()


async def test_m15_determination_at_the_tick_after_the_objection_period(world, nats_url, correlation):
    sh = world.sh
    received = sh(2026, 3, 20, 9)  # reported on time: the case is the report's (not one found missing)
    await world.automatic(2025)
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.tick(received)
    async with subject_listener(nats_url, EmissionsDetermined.contract.subject) as determined:
        await verified_case(world, correlation=correlation)
        await world.tick(received + timedelta(days=7) - timedelta(seconds=1))
        assert await determinations(world) == [] and (await world.case("RPT-E-1-2025"))["state"] == "verified"
        await world.tick(received + timedelta(days=7))
        events = await eventually(lambda: determined)
        case = await world.case("RPT-E-1-2025")
    assert case["state"] == "determined"
    assert [(d["emissions"], d["basis"], d["revision"], d["triggers"], d["late"]) for d in case["determinations"]] \
        == [(10_200, "verification", 1, [], False)]
    event = events[0]
    assert event["correlation_id"] == correlation  # the report's submission, not the tick
    assert event["data"] | {"determined_at": None} == {
        "determination_id": "DET-E-1-2025-r1", "entity_id": "E-1", "compliance_year": 2025,
        "determined_emissions": 10_200, "basis": "verification", "triggers": [], "revision": 1,
        "reported_emissions": 10_000, "verified_emissions": 10_200, "agency_id": "AG-1", "determined_at": None,
        "correlation_id": correlation}
    latest = await world.client.get("/entities/E-1/determinations/2025", headers=world.svc.auth("entity", "E-1"))
    assert latest.status_code == 200 and latest.json()["determination_id"] == "DET-E-1-2025-r1"
    assert (await world.client.get("/entities/E-1/determinations/2025", headers=world.svc.auth("entity", "E-2"))
            ).status_code == 403


async def test_m15_stale_tick_changes_nothing(world):
    sh = world.sh
    await world.automatic(2025)
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.tick(sh(2026, 4, 10))
    await verified_case(world)
    await world.tick(sh(2026, 4, 30))
    clock = (await world.client.get("/clock")).json()["now"]
    await world.tick(sh(2026, 4, 11))  # stale: earlier than the clock
    assert (await world.client.get("/clock")).json()["now"] == clock
    assert len(await determinations(world)) == 1
    await world.tick(sh(2026, 5, 30))
    assert len(await determinations(world)) == 1  # determined once


async def test_m15_a_tick_before_the_due_instant_does_not_determine_and_a_stale_one_neither(world):
    sh = world.sh
    await world.automatic(2025)
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.tick(sh(2026, 4, 20))
    await verified_case(world)  # received 20 April: due 27 April
    await world.tick(sh(2026, 4, 26))
    await world.tick(sh(2026, 4, 28) - timedelta(days=10))  # stale: the clock does not go back
    assert (await world.client.get("/clock")).json()["now"].startswith("2026-04-25T16:00:00")
    assert await determinations(world) == []
    await world.tick(sh(2026, 4, 27))
    assert [d["emissions"] for d in await eventually(lambda: determinations(world))] == [10_200]


async def test_m15_objection_period_is_a_per_year_policy_and_a_change_reschedules(world):
    sh = world.sh
    for entity_id in ("E-1", "E-2"):
        await world.register(entity_id)
    await world.signatory("V-1", "AG-1", 2025)
    policy = (await world.client.get("/policy/2025")).json()
    assert (policy["objection_period_days"], policy["report_due"], policy["automatic_determination"]) == (
        7, "2026-03-31", False)
    policy["automatic_determination"] = True

    async def put(days: int, headers: dict | None = None, **changes):
        return await world.client.put("/policy/2025", params={"reason": "objection period for 2025"},
                                      json={**policy, "objection_period_days": days, **changes},
                                      headers=headers or world.authority)

    bad = await put(31)
    assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "body.objection_period_days"
    mixed = await put(20, determination_days=10)
    assert mixed.status_code == 422 and "objection_period_days" in mixed.json()["detail"]
    assert (await put(2, world.svc.auth("entity", "E-1"))).status_code == 403

    await world.tick(sh(2026, 4, 10))
    await verified_case(world, "E-1")  # 7 days: due 17 April
    assert (await put(2)).status_code == 200  # now due 12 April
    await world.tick(sh(2026, 4, 12))
    assert [d["entity_id"] for d in await eventually(lambda: determinations(world))] == ["E-1"]

    await verified_case(world, "E-2")  # 2 days: due 14 April
    assert (await put(10)).status_code == 200  # now due 22 April
    await world.tick(sh(2026, 4, 15))
    assert [d["entity_id"] for d in await determinations(world)] == ["E-1"]
    await world.tick(sh(2026, 4, 22))
    assert [d["entity_id"] for d in await eventually(lambda: determinations(world))] == ["E-1", "E-2"]
    audit = (await world.client.get("/audit", params={"subject_ref": "policy:2025"}, headers=world.authority)).json()
    assert [a["detail"]["policy"]["objection_period_days"] for a in audit] == [2, 10]
    assert all(a["detail"]["policy"]["automatic_determination"] for a in audit)
