"""M-18 over the real service: the exit declared, half the free allowances of later vintages recalled into the
recall account (ROUND_HALF_UP per vintage), the exit year's obligation surrendered from its determination."""
from __future__ import annotations

import pytest

from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio
EXIT = {"reason": "production_stopped", "exit_on": "2026-09-10", "statement": "the kiln was shut down"}


async def _plans(world) -> None:
    await world.tick("2026-01-05T10:00:00+08:00")
    await world.register("E-1", "E-2")
    await world.allocate({"E-1": 1_000, "E-2": 500}, year=2026)
    await world.allocate({"E-1": 101, "E-2": 500}, year=2027)
    await world.allocate({"E-1": 100, "E-2": 500}, year=2028)


async def test_m18_exit_recalls_half_of_later_vintages_rounded_half_up(world):
    await _plans(world)
    await world.tick("2026-09-11T10:00:00+08:00")
    async with world.listen("ets.allocation.>") as events:
        r = await world.svc.client.post("/entities/E-1/exit", json=EXIT, headers=world.entity("E-1"))
        assert r.status_code == 201, r.text
        body = r.json()
        assert (body["compliance_year"], body["report_due_on"]) == (2026, "2026-09-25")
        assert [(v["vintage"], v["issued_free"], v["due"], v["recalled"], v["unrecovered"]) for v in body["recall"]] \
            == [(2027, 101, 51, 51, 0), (2028, 100, 50, 50, 0)]
        wanted = {"allocation.entity.exit-declared", "allocation.allowances.recalled"}
        await eventually(lambda: {e["event_type"] for e in events} >= wanted)
    exits = [e for e in events if e["event_type"] in wanted]
    assert len(exits) == 2 and len({e["correlation_id"] for e in exits}) == 1
    assert await world.holdings("E-1") == [{"unit_type": "SHEA", "vintage": 2026, "quantity": 1_000},
                                           {"unit_type": "SHEA", "vintage": 2027, "quantity": 50},
                                           {"unit_type": "SHEA", "vintage": 2028, "quantity": 50}]
    txs = (await world.svc.client.get("/entities/E-1/transactions", headers=world.authority)).json()
    assert txs[-1]["kind"] == "recall" and {ln["to_account_id"] for ln in txs[-1]["lines"]} == {"AUTHORITY-RECALL"}
    entity = (await world.svc.client.get("/entities/E-1", headers=world.authority)).json()
    assert entity["status"] == "exited"
    again = await world.svc.client.post("/entities/E-1/exit", json=EXIT, headers=world.authority)
    assert again.status_code == 409
    assert (await world.svc.client.get("/entities/E-1/exit", headers=world.entity("E-1"))).status_code == 200
    assert (await world.svc.client.get("/entities/E-1/exit", headers=world.entity("E-2"))).status_code == 403


async def test_m18_exit_refused_for_another_entity_or_a_future_date_nothing_changed(world):
    await _plans(world)
    await world.tick("2026-09-11T10:00:00+08:00")
    other = await world.svc.client.post("/entities/E-1/exit", json=EXIT, headers=world.entity("E-2"))
    assert other.status_code == 403
    future = await world.svc.client.post("/entities/E-1/exit", json=EXIT | {"exit_on": "2026-09-12"},
                                         headers=world.authority)
    assert future.status_code == 422 and future.json()["field"] == "exit_on"
    unknown = await world.svc.client.post("/entities/E-1/exit", json=EXIT | {"reason": "bored"},
                                          headers=world.authority)
    assert unknown.status_code == 422
    assert (await world.svc.client.get("/entities/E-1", headers=world.authority)).json()["status"] == "active"
    assert {h["vintage"]: h["quantity"] for h in await world.holdings("E-1")} == {2026: 1_000, 2027: 101, 2028: 100}


async def test_m18_exit_year_surrendered_from_its_determination_shortfall_the_day_after_its_period(world):
    await _plans(world)
    await world.tick("2026-09-11T10:00:00+08:00")
    for entity_id in ("E-1", "E-2"):
        assert (await world.svc.client.post(f"/entities/{entity_id}/exit", json=EXIT,
                                            headers=world.authority)).status_code == 201
    await world.tick("2026-10-01T10:00:00+08:00")
    for entity_id in ("E-1", "E-2"):
        await world.determine(entity_id, 400, year=2026, at="2026-10-01T10:00:00+08:00")
        ob = await world.wait_obligation(entity_id, year=2026)
        assert ob["surrender_until"] == "2026-10-30"  # 30 days from the determination, not June 2027's window
    await world.tick("2026-10-30T23:00:00+08:00")
    paid = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2026, "quantity": 400}], year=2026)
    assert paid.status_code == 201 and paid.json()["status"] == "settled"
    await world.tick("2026-10-31T00:00:00+08:00")
    short = await eventually(lambda: _status(world, "E-2"))
    assert short == "shortfall"


async def _status(world, entity_id: str) -> str | None:
    ob = await world.obligation(entity_id, 2026)
    return ob["status"] if ob and ob["status"] == "shortfall" else None
