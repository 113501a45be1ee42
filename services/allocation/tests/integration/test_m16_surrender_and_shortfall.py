"""Obligations and surrender over the real service (M-16; docs/rules.md §5): the window, the vintage rule, no
over-surrender, shortfall at the close tick under the determination's correlation id, late settlement, idempotent
determinations and ticks, and the window as a per-year policy parameter."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import (
    ObligationRecorded, ObligationSettled, ShortfallDetected, SurrenderRecorded,
)
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio
SHEA_2025 = {"unit_type": "SHEA", "vintage": 2025}


async def test_m16_surrender_window_vintage_and_amount(world):
    await world.tick("2026-05-20T10:00:00+08:00")
    await world.register("E-1")
    await world.allocate({"E-1": 100_000})
    none_yet = await world.surrender("E-1", [SHEA_2025 | {"quantity": 1}])
    assert none_yet.status_code == 409  # no determination yet
    await world.determine("E-1", 90_000)
    assert (await world.wait_obligation("E-1"))["status"] == "open"

    before = await world.surrender("E-1", [SHEA_2025 | {"quantity": 1000}])
    assert before.status_code == 422 and before.json()["article"] == "M-16"
    await world.tick("2026-06-01T00:00:00+08:00")  # the window opens (Shanghai date, inclusive)
    borrowed = await world.surrender("E-1", [SHEA_2025 | {"quantity": 1000},
                                             {"unit_type": "SHEA", "vintage": 2026, "quantity": 1}])
    assert borrowed.status_code == 422
    assert (borrowed.json()["field"], borrowed.json()["article"]) == ("lines[1].vintage", "M-16")
    over = await world.surrender("E-1", [SHEA_2025 | {"quantity": 90_001}])
    assert over.status_code == 422 and (over.json()["field"], over.json()["article"]) == ("lines", "M-16")
    assert await world.holdings("E-1") == [SHEA_2025 | {"quantity": 100_000}]  # refusals cancel nothing

    async with world.listen(SurrenderRecorded.contract.subject) as recorded, \
            world.listen(ObligationSettled.contract.subject) as settled:
        first = await world.surrender("E-1", [SHEA_2025 | {"quantity": 60_000}])
        assert first.status_code == 201, first.text
        assert {k: first.json()[k] for k in ("surrendered", "remaining", "status")} == \
            {"surrendered": 60_000, "remaining": 30_000, "status": "open"}
        rest = await world.surrender("E-1", [SHEA_2025 | {"quantity": 30_000}])
        assert rest.json()["status"] == "settled"
        await eventually(lambda: len(recorded) == 2 and settled)
    assert recorded[1]["data"]["total_surrendered"] == 90_000 and recorded[1]["data"]["remaining"] == 0
    assert settled[0]["data"] | {"settled_at": None} == {"entity_id": "E-1", "compliance_year": 2025,
                                                         "obligation": 90_000, "surrendered": 90_000,
                                                         "late": False, "settled_at": None,
                                                         "correlation_id": settled[0]["correlation_id"]}
    assert await world.holdings("E-1") == [SHEA_2025 | {"quantity": 10_000}]  # the surplus is banked
    done = await world.surrender("E-1", [SHEA_2025 | {"quantity": 1}])
    assert done.status_code == 422 and done.json()["article"] == "M-16"


async def test_m16_shortfall_at_the_close_tick_then_late_settlement(world):
    await world.tick("2026-06-10T10:00:00+08:00")
    await world.register("E-1", "E-2", "E-3")
    await world.allocate({"E-1": 50_000, "E-2": 50_000, "E-3": 50_000})
    case_1 = await world.determine("E-1", 60_000, correlation_id="case-E-1")
    await world.determine("E-2", 40_000)
    case_3 = await world.determine("E-3", 10_000)
    for entity_id in ("E-1", "E-2", "E-3"):
        await world.wait_obligation(entity_id)
    assert (await world.surrender("E-1", [SHEA_2025 | {"quantity": 50_000}])).status_code == 201
    assert (await world.surrender("E-2", [SHEA_2025 | {"quantity": 40_000}])).json()["status"] == "settled"
    assert (await world.surrender("E-3", [SHEA_2025 | {"quantity": 4_000}])).status_code == 201

    async with world.listen(ShortfallDetected.contract.subject) as shortfalls:
        await world.tick("2026-06-30T23:59:59+08:00")  # the last second of the window: no shortfall yet
        assert (await world.obligation("E-1"))["status"] == "open"
        await world.tick("2026-07-01T00:00:00+08:00")  # the close instant (1 July, 00:00 Shanghai)
        await eventually(lambda: len(shortfalls) == 2)
        await world.tick("2026-07-02T00:00:00+08:00")  # a later tick detects nothing twice
    by_entity = {e["data"]["entity_id"]: e for e in shortfalls}
    assert set(by_entity) == {"E-1", "E-3"} and len(shortfalls) == 2
    assert by_entity["E-1"]["correlation_id"] == case_1
    assert (by_entity["E-1"]["data"]["shortfall"], by_entity["E-3"]["data"]["shortfall"]) == (10_000, 6_000)
    ob = await world.obligation("E-1")
    assert (ob["status"], ob["remaining"], ob["shortfall_detected_at"]) == ("shortfall", 10_000,
                                                                            "2026-06-30T16:00:00Z")
    listed = await world.svc.client.get("/obligations", params={"compliance_year": 2025, "status": "shortfall"},
                                        headers=world.svc.auth("enforcement_officer"))
    assert [o["entity_id"] for o in listed.json()] == ["E-1", "E-3"]

    async with world.listen(ObligationSettled.contract.subject) as settled:
        # E-1 holds no allowance of vintage <= 2025 any more: the registry refuses until it acquires some
        short = await world.surrender("E-1", [SHEA_2025 | {"quantity": 10_000}])
        assert short.status_code == 422 and short.json()["field"] == "lines[0].quantity"
        made_good = await world.surrender("E-3", [SHEA_2025 | {"quantity": 6_000}])
        assert made_good.status_code == 201 and made_good.json()["late"] is True
        late = await eventually(lambda: [e for e in settled if e["data"]["entity_id"] == "E-3"])
    assert late[0]["data"]["late"] is True and late[0]["data"]["surrendered"] == 10_000
    assert late[0]["correlation_id"] == case_3  # the settlement closes the case the shortfall opened
    assert (await world.obligation("E-3"))["status"] == "settled"
    history = (await world.svc.client.get("/entities/E-3/surrenders", params={"compliance_year": 2025},
                                          headers=world.entity("E-3"))).json()
    assert [(s["shea"], s["late"]) for s in history] == [(4_000, False), (6_000, True)]


async def test_m16_a_redelivered_or_repeated_determination_changes_nothing(world):
    await world.register("E-1")
    async with world.listen(ObligationRecorded.contract.subject) as recorded:
        # (each step waits until the service consumed it: a consumer may apply one batch in any order)
        await world.determine("E-1", 70_000, copies=3)  # the same event three times (distinct Nats-Msg-Ids)
        await eventually(world.all_determinations_processed)
        await world.determine("E-1", 99_999)  # same revision, another event: not a newer determination
        await world.determine("NOT-REGISTERED", 5_000)  # not covered here: ignored
        await world.determine("E-1", 75_000, revision=2)  # re-check: a higher revision replaces the figure
        await eventually(world.all_determinations_processed)
        await world.determine("E-1", 1, revision=1)  # an old revision arriving late changes nothing
        await world.determine("E-1", 80_000, revision=3)
        await eventually(world.all_determinations_processed)
        await eventually(lambda: len(recorded) >= 3)
    audit = (await world.svc.client.get("/audit", params={"limit": 1000}, headers=world.authority)).json()
    assert [(a["detail"]["obligation"], a["detail"]["revision"]) for a in audit
            if a["action"] == "allocation.obligation.recorded"] == [(70_000, 1), (75_000, 2), (80_000, 3)]
    assert sorted(e["data"]["revision"] for e in recorded) == [1, 2, 3]
    assert (await world.obligation("E-1"))["determined_emissions"] == 80_000
    assert (await world.obligation("NOT-REGISTERED")) is None
    assert (await world.svc.client.get("/dead-letters", headers=world.authority)).json() == []


async def test_m16_a_zero_determination_settles_at_once(world):
    await world.register("E-1")
    async with world.listen(ObligationSettled.contract.subject) as settled:
        await world.determine("E-1", 0)
        await eventually(lambda: settled)
    assert (await world.wait_obligation("E-1"))["status"] == "settled"
    assert settled[0]["data"]["late"] is False and settled[0]["data"]["obligation"] == 0


async def test_m16_a_stale_tick_changes_nothing(world):
    await world.register("E-1", "E-2")
    await world.determine("E-1", 100)
    await world.wait_obligation("E-1")
    async with world.listen(ShortfallDetected.contract.subject) as shortfalls:
        await world.tick("2026-07-05T00:00:00+08:00")
        await eventually(lambda: shortfalls)
        await world.determine("E-2", 100)  # determined after the close: its shortfall waits for the next tick
        await world.wait_obligation("E-2")
        await world.tick("2026-07-03T00:00:00+08:00", wait=False)  # stale: earlier than the clock
        await eventually(lambda: world.processed_tick("2026-07-03T00:00:00+08:00"))
        assert (await world.obligation("E-2"))["status"] == "open" and len(shortfalls) == 1
        assert (await world.svc.client.get("/clock")).json()["now"] == "2026-07-04T16:00:00Z"
        await world.tick("2026-07-06T00:00:00+08:00")
        await eventually(lambda: len(shortfalls) == 2)
    assert shortfalls[1]["data"]["entity_id"] == "E-2"


async def test_m16_the_window_is_a_per_year_policy_parameter(world):
    client, auth = world.svc.client, world.authority
    default = (await client.get("/policy/2025")).json()
    assert (default["surrender_open"], default["surrender_close"], default["ccer_ratio"]) == \
        ("2026-06-01", "2026-06-30", "0.05")
    moved = default | {"surrender_open": "2026-09-01", "surrender_close": "2026-09-30"}
    refused = await client.put("/policy/2025", params={"reason": "moved by notice"}, json=moved,
                               headers=world.entity("E-1"))
    assert refused.status_code == 403
    too_early = default | {"surrender_open": "2025-12-01"}
    refused = await client.put("/policy/2025", params={"reason": "moved by notice"}, json=too_early, headers=auth)
    assert refused.status_code == 422 and refused.json()["field"] == "surrender_open"
    put = await client.put("/policy/2025", params={"reason": "moved by notice"}, json=moved, headers=auth)
    assert put.status_code == 200, put.text
    assert (await client.get("/policy/2025")).json()["surrender_open"] == "2026-09-01"
    assert (await client.get("/policy/2026")).json()["surrender_open"] == "2027-06-01"  # other years keep defaults
    await world.register("E-1")
    await world.allocate({"E-1": 1000})
    await world.determine("E-1", 500)
    await world.wait_obligation("E-1")
    await world.tick("2026-07-15T00:00:00+08:00")  # after the default close, before the moved window
    assert (await world.obligation("E-1"))["status"] == "open"
    early = await world.surrender("E-1", [SHEA_2025 | {"quantity": 500}])
    assert early.status_code == 422 and early.json()["article"] == "M-16"
    await world.tick("2026-09-30T12:00:00+08:00")
    assert (await world.surrender("E-1", [SHEA_2025 | {"quantity": 500}])).json()["status"] == "settled"
