"""M-10 over the real service: a merger passes holdings and unmet obligations to the surviving unit, a split by
emission facilities passes them by the plan's shares (exactly 100 %, largest-remainder rounding), each approved by
the authority and announced to the other services."""
from __future__ import annotations

import pytest

from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


async def _setup(world) -> None:
    await world.tick("2026-05-01T10:00:00+08:00")
    await world.register("E-A", "E-B", "E-C", "E-S")
    await world.allocate({"E-A": 1_001, "E-B": 501, "E-C": 10, "E-S": 100})
    await world.determine("E-A", 900)
    await world.wait_obligation("E-A")


async def _file(world, body: dict, headers: dict):
    return await world.svc.client.post("/successions", json=body, headers=headers)


MERGER = {"kind": "merger", "predecessor_ids": ["E-A"], "successor_id": "E-S", "effective_on": "2026-05-01",
          "statement": "E-A merged into E-S by absorption"}


async def test_m10_merger_passes_holdings_and_unmet_obligations_after_the_authoritys_approval(world):
    await _setup(world)
    refused = await _file(world, MERGER, world.entity("E-B"))  # not its own merger
    assert refused.status_code == 403
    filed = await _file(world, MERGER, world.entity("E-A"))
    assert filed.status_code == 201, filed.text
    succession_id = filed.json()["succession_id"]
    assert {h["vintage"]: h["quantity"] for h in await world.holdings("E-A")} == {2025: 1_001}  # not yet approved
    not_entity = await world.svc.client.post(f"/successions/{succession_id}/decision",
                                             json={"approve": True, "reason": "documents in order"},
                                             headers=world.entity("E-A"))
    assert not_entity.status_code == 403
    async with world.listen("ets.allocation.succession.>") as events:
        approved = await world.svc.client.post(f"/successions/{succession_id}/decision",
                                               json={"approve": True, "reason": "documents in order"},
                                               headers=world.authority)
        assert approved.status_code == 200, approved.text
        await eventually(lambda: events)
    data = events[0]["data"]
    assert (data["kind"], data["predecessor_ids"], data["obligations"]) == ("merger", ["E-A"], [
        {"compliance_year": 2025, "from_entity_id": "E-A", "to_entity_id": "E-S", "quantity": 900,
         "in_shortfall": False}])
    assert await world.holdings("E-A") == []
    assert await world.holdings("E-S") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 1_101}]
    assert (await world.obligation("E-A"))["status"] == "passed_on"
    heir = await world.obligation("E-S")
    assert (heir["inherited"], heir["remaining"], heir["status"]) == (900, 900, "open")
    entity = (await world.svc.client.get("/entities/E-A", headers=world.authority)).json()
    assert entity["status"] == "succeeded"
    again = await world.svc.client.post(f"/successions/{succession_id}/decision",
                                        json={"approve": True, "reason": "twice"}, headers=world.authority)
    assert again.status_code == 409
    await world.tick("2026-06-10T10:00:00+08:00")
    paid = await world.surrender("E-S", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 900}])
    assert paid.status_code == 201 and paid.json()["status"] == "settled"


def _split(a: str, b: str) -> dict:
    return {"kind": "split", "predecessor_ids": ["E-B"], "effective_on": "2026-05-01", "statement": "two plants",
            "facilities": [{"facility_id": "PLANT-1", "successor_id": "E-B", "holdings_share": a,
                            "obligations_share": "60"},
                           {"facility_id": "PLANT-2", "successor_id": "E-C", "holdings_share": b,
                            "obligations_share": "40"}]}


async def test_m10_split_of_99_99_pct_refused_100_pct_accepted_and_rounded_by_largest_remainder(world):
    await _setup(world)
    short = await _file(world, _split("60", "39.99"), world.authority)
    assert short.status_code == 422 and short.json()["field"] == "facilities.holdings_share"
    filed = await _file(world, _split("60", "40"), world.entity("E-B"))
    assert filed.status_code == 201, filed.text
    r = await world.svc.client.post(f"/successions/{filed.json()['succession_id']}/decision",
                                    json={"approve": True, "reason": "plan by facilities checked"},
                                    headers=world.authority)
    assert r.status_code == 200, r.text
    # 501 x 60 % = 300.6, x 40 % = 200.4: the leftover unit goes to the larger remainder (E-B)
    assert await world.holdings("E-B") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 301}]
    assert await world.holdings("E-C") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 210}]
    assert (await world.svc.client.get("/entities/E-B", headers=world.authority)).json()["status"] == "active"


async def test_m10_a_rejected_succession_moves_nothing(world):
    await _setup(world)
    filed = await _file(world, MERGER, world.authority)
    r = await world.svc.client.post(f"/successions/{filed.json()['succession_id']}/decision",
                                    json={"approve": False, "reason": "the merger was not registered"},
                                    headers=world.authority)
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert {h["vintage"]: h["quantity"] for h in await world.holdings("E-A")} == {2025: 1_001}
    assert (await world.obligation("E-A"))["status"] == "open"
