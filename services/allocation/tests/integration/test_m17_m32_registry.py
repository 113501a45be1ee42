"""The registry over the real service: CCERs within the M-17 limit, every movement a registered transaction
(M-32), and each caller changing or seeing only what its role allows."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio
SHEA_2025 = {"unit_type": "SHEA", "vintage": 2025}


async def _deposit(world, entity_id: str, **body) -> dict:
    r = await world.svc.client.post(f"/entities/{entity_id}/ccer-deposits", json=body, headers=world.authority)
    assert r.status_code == 201, r.text
    return r.json()


async def test_m17_ccers_count_up_to_the_ratio_of_the_allocation_and_only_if_eligible(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1")
    await world.allocate({"E-1": 10_000})  # M-17 limit: floor(5% x 10,000) = 500
    await _deposit(world, "E-1", project_id="P-WIND", reduction_date="2023-04-01", quantity=300)
    await _deposit(world, "E-1", project_id="P-WIND", reduction_date="2023-09-01", quantity=500)
    await _deposit(world, "E-1", project_id="P-OWN", reduction_date="2024-01-10", quantity=100,
                   boundary_entity_id="E-1")
    await _deposit(world, "E-1", project_id="P-OLD", reduction_date="2012-12-31", quantity=100)
    future = await world.svc.client.post("/entities/E-1/ccer-deposits", headers=world.authority, json={
        "project_id": "P-X", "reduction_date": "2026-07-01", "quantity": 1})
    assert future.status_code == 422 and future.json()["field"] == "reduction_date"
    await world.determine("E-1", 10_000)
    await world.wait_obligation("E-1")

    over = await world.surrender("E-1", [{"unit_type": "CCER", "vintage": 2023, "quantity": 501,
                                          "project_id": "P-WIND"}])
    assert over.status_code == 422 and over.json()["article"] == "M-17"
    own = await world.surrender("E-1", [SHEA_2025 | {"quantity": 10},
                                        {"unit_type": "CCER", "vintage": 2024, "quantity": 10, "project_id": "P-OWN"}])
    assert own.status_code == 422
    assert (own.json()["field"], own.json()["article"]) == ("lines[1].origin.boundary_entity_id", "M-17")
    old = await world.surrender("E-1", [{"unit_type": "CCER", "vintage": 2012, "quantity": 1, "project_id": "P-OLD"}])
    assert old.status_code == 422 and old.json()["field"] == "lines[0].origin.reduction_date"
    nameless = await world.surrender("E-1", [{"unit_type": "CCER", "vintage": 2023, "quantity": 1}])
    assert nameless.status_code == 422 and nameless.json()["field"] == "lines[0].project_id"

    used = await world.surrender("E-1", [SHEA_2025 | {"quantity": 9_000}, {"unit_type": "CCER", "vintage": 2023,
                                                                        "quantity": 400, "project_id": "P-WIND"}])
    assert used.status_code == 201 and used.json()["remaining"] == 600
    beyond = await world.surrender("E-1", [{"unit_type": "CCER", "vintage": 2023, "quantity": 101,
                                            "project_id": "P-WIND"}])
    assert beyond.status_code == 422 and beyond.json()["article"] == "M-17"  # 400 used + 101 > 500
    ob = await world.obligation("E-1")
    assert (ob["surrendered_shea"], ob["surrendered_ccer"], ob["status"]) == (9_000, 400, "open")
    lots = (await world.svc.client.get("/entities/E-1/holdings/lots", headers=world.entity("E-1"))).json()
    wind = [(lot["reduction_date"], lot["quantity"]) for lot in lots if lot["project_id"] == "P-WIND"]
    assert wind == [("2023-09-01", 400)]  # the oldest lot (300 of 2023-04-01) was drawn first
    assert await world.holdings("E-1") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 1_000},
                                           {"unit_type": "CCER", "vintage": 2012, "quantity": 100},
                                           {"unit_type": "CCER", "vintage": 2023, "quantity": 400},
                                           {"unit_type": "CCER", "vintage": 2024, "quantity": 100}]


async def test_m32_every_movement_is_a_registered_transaction(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1")
    await world.allocate({"E-1": 1_000})
    deposit = await _deposit(world, "E-1", project_id="P-1", reduction_date="2024-05-01", quantity=50)
    await world.determine("E-1", 800)
    await world.wait_obligation("E-1")
    surrendered = (await world.surrender("E-1", [SHEA_2025 | {"quantity": 780},
                                                 {"unit_type": "CCER", "vintage": 2024, "quantity": 20,
                                                  "project_id": "P-1"}])).json()
    txs = (await world.svc.client.get("/entities/E-1/transactions", headers=world.entity("E-1"))).json()
    assert [(t["transaction_id"], t["kind"]) for t in txs] == [
        ("ISS-2025-E-1", "issue"), (deposit["transaction_id"], "issue"), (surrendered["transaction_id"], "surrender")]
    assert [(ln["from_account_id"], ln["to_account_id"], ln["unit_type"], ln["quantity"]) for ln in txs[2]["lines"]] \
        == [("ACC-E-1", "AUTHORITY-CANCELLATION", "SHEA", 780), ("ACC-E-1", "AUTHORITY-CANCELLATION", "CCER", 20)]
    assert txs[2]["registered_at"] == "2026-06-05T02:00:00Z"  # effective on registration, at regulatory now
    page = (await world.svc.client.get("/entities/E-1/transactions", params={"offset": 2},
                                       headers=world.authority)).json()
    assert [t["kind"] for t in page] == ["surrender"]
    audit = (await world.svc.client.get("/audit", params={"subject_ref": "entity:E-1"},
                                        headers=world.authority)).json()
    assert [a["action"] for a in audit] == ["allocation.entity.registered", "allocation.ccer.deposited"]


async def test_roles_another_entity_cannot_surrender_or_see_and_nothing_changes(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1", "E-2")
    await world.allocate({"E-1": 1_000, "E-2": 1_000})
    await world.determine("E-1", 800)
    await world.wait_obligation("E-1")
    client, line = world.svc.client, [SHEA_2025 | {"quantity": 800}]
    assert (await world.surrender("E-1", line, as_entity="E-2")).status_code == 403
    by_authority = await client.post("/entities/E-1/surrenders", json={"compliance_year": 2025, "lines": line},
                                     headers=world.authority)
    assert by_authority.status_code == 403
    other = world.entity("E-2")
    for path in ("/entities/E-1/holdings", "/entities/E-1/holdings/lots", "/entities/E-1/transactions",
                 "/entities/E-1/surrenders",
                 "/entities/E-1/obligations/2025", "/entities/E-1"):
        assert (await client.get(path, headers=other)).status_code == 403, path
    assert (await client.get("/obligations", headers=other)).status_code == 403
    deposit = {"project_id": "P-1", "reduction_date": "2024-05-01", "quantity": 5}
    assert (await client.post("/entities/E-2/ccer-deposits", json=deposit, headers=other)).status_code == 403
    member = world.svc.auth("member", party_id="E-1")  # the right id under another role is not the entity
    assert (await client.get("/entities/E-1/holdings", headers=member)).status_code == 403
    assert await world.holdings("E-1") == [SHEA_2025 | {"quantity": 1_000}]
    assert await world.holdings("E-2") == [SHEA_2025 | {"quantity": 1_000}]
    assert (await world.obligation("E-1"))["surrendered"] == 0
    officer = world.svc.auth("enforcement_officer")
    assert (await client.get("/entities/E-1/holdings", headers=officer)).status_code == 200
    assert (await client.post("/entities/E-1/surrenders", json={"compliance_year": 2025, "lines": line},
                              headers=officer)).status_code == 403
    mine = await world.surrender("E-1", line)
    assert mine.status_code == 201 and mine.json()["status"] == "settled"
