"""M-16 as the platform reads it, over the real service: an entity determined after the window opened may still
surrender within its own period and is in shortfall only after it; a revision moves the obligation (more or less),
and an obligation already in shortfall follows it (ShortfallRevised, or settled); a changed window re-dates the open
obligations."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import (
    ObligationRecorded, ObligationSettled, ShortfallDetected, ShortfallRevised,
)
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio
SHEA_2025 = {"unit_type": "SHEA", "vintage": 2025}


async def test_m16_determined_after_30_june_surrenders_within_its_period_no_shortfall(world):
    await world.tick("2026-06-10T10:00:00+08:00")
    await world.register("LATE", "SHORT")
    await world.allocate({"LATE": 100_000, "SHORT": 100_000})
    await world.tick("2026-07-05T09:00:00+08:00")  # the window has closed
    async with world.listen(ObligationRecorded.contract.subject) as recorded:
        await world.determine("LATE", 80_000, at="2026-07-05T10:00:00+08:00")
        await world.determine("SHORT", 80_000, at="2026-07-05T10:00:00+08:00")
        ob = await world.wait_obligation("LATE")
        await eventually(lambda: len(recorded) == 2)
    assert (ob["surrender_until"], ob["shortfall_at"]) == ("2026-08-03", "2026-08-03T16:00:00Z")
    assert recorded[0]["data"]["surrender_until"] == "2026-08-03"
    async with world.listen(ShortfallDetected.contract.subject) as shortfalls:
        await world.tick("2026-07-20T10:00:00+08:00")
        paid = await world.surrender("LATE", [SHEA_2025 | {"quantity": 80_000}])
        assert paid.status_code == 201 and paid.json()["status"] == "settled"
        await world.tick("2026-08-03T23:59:59+08:00")  # its last day: nothing yet
        last_day = await world.surrender("SHORT", [SHEA_2025 | {"quantity": 1_000}])
        assert last_day.status_code == 201  # accepted on its last day
        assert (await world.obligation("SHORT"))["status"] == "open"
        await world.tick("2026-08-04T00:00:00+08:00")  # the day after
        await eventually(lambda: shortfalls)
        after = await world.surrender("SHORT", [SHEA_2025 | {"quantity": 1_000}])
    assert [(e["data"]["entity_id"], e["data"]["shortfall"]) for e in shortfalls] == [("SHORT", 79_000)]
    assert after.status_code == 201 and after.json()["late"] is True  # making good the recorded shortfall
    assert (await world.obligation("LATE"))["status"] == "settled"


async def test_m16_shortfall_follows_a_revised_determination(world):
    await world.tick("2026-06-10T10:00:00+08:00")
    await world.register("E-1", "E-2")
    await world.allocate({"E-1": 100_000, "E-2": 100_000})
    case = await world.determine("E-1", 90_000, correlation_id="case-E-1")
    await world.determine("E-2", 90_000)
    await world.wait_obligation("E-1")
    await world.wait_obligation("E-2")
    assert (await world.surrender("E-1", [SHEA_2025 | {"quantity": 60_000}])).status_code == 201
    assert (await world.surrender("E-2", [SHEA_2025 | {"quantity": 60_000}])).status_code == 201
    async with world.listen(ShortfallDetected.contract.subject) as shortfalls:
        await world.tick("2026-07-01T00:00:00+08:00")
        await eventually(lambda: len(shortfalls) == 2)
    async with world.listen(ShortfallRevised.contract.subject) as revised, \
            world.listen(ObligationSettled.contract.subject) as settled:
        await world.determine("E-1", 95_000, revision=2, at="2026-07-10T10:00:00+08:00")  # raised: more to surrender
        await world.determine("E-2", 55_000, revision=2, at="2026-07-10T10:00:00+08:00")  # lowered below surrendered
        await eventually(lambda: revised and settled)
    assert revised[0]["correlation_id"] == case
    assert revised[0]["data"] | {"revised_at": None} == {
        "entity_id": "E-1", "compliance_year": 2025, "obligation": 95_000, "surrendered": 60_000, "shortfall": 35_000,
        "determination_id": "DET-E-1-2", "revision": 2, "revised_at": None, "correlation_id": case}
    assert (settled[0]["data"]["entity_id"], settled[0]["data"]["late"]) == ("E-2", True)
    ob = await world.obligation("E-1")
    assert (ob["status"], ob["remaining"], ob["surrender_until"]) == ("shortfall", 35_000, "2026-06-30")


async def test_m16_a_raised_determination_after_settlement_gives_a_new_period(world):
    await world.tick("2026-06-10T10:00:00+08:00")
    await world.register("E-1")
    await world.allocate({"E-1": 100_000})
    await world.determine("E-1", 50_000)
    await world.wait_obligation("E-1")
    assert (await world.surrender("E-1", [SHEA_2025 | {"quantity": 50_000}])).json()["status"] == "settled"
    await world.tick("2026-08-01T10:00:00+08:00")
    await world.determine("E-1", 52_000, revision=2, at="2026-08-01T10:00:00+08:00")
    ob = await world.wait_obligation("E-1", revision=2)
    assert (ob["status"], ob["remaining"], ob["surrender_until"]) == ("open", 2_000, "2026-08-30")
    assert (await world.surrender("E-1", [SHEA_2025 | {"quantity": 2_000}])).json()["status"] == "settled"


async def test_m16_a_moved_window_re_dates_open_obligations(world):
    await world.tick("2026-05-10T10:00:00+08:00")
    await world.register("E-1")
    await world.allocate({"E-1": 100_000})
    await world.determine("E-1", 50_000)
    assert (await world.wait_obligation("E-1"))["shortfall_at"] == "2026-06-30T16:00:00Z"
    policy = (await world.svc.client.get("/policy/2025")).json()
    put = await world.svc.client.put("/policy/2025", params={"reason": "window moved to 30 September"},
                                     json=policy | {"surrender_close": "2026-09-30"}, headers=world.authority)
    assert put.status_code == 200, put.text
    ob = await world.obligation("E-1")
    assert (ob["surrender_until"], ob["shortfall_at"]) == ("2026-09-30", "2026-09-30T16:00:00Z")
    await world.tick("2026-07-01T00:00:00+08:00")
    await world.tick("2026-07-02T00:00:00+08:00")
    assert (await world.obligation("E-1"))["status"] == "open"  # no shortfall at the old close
