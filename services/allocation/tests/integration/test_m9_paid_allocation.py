"""M-9 over the real service: the plan reserves its paid share of the cap; an auction of sealed bids clears at a
uniform price with pro rata at the margin and a reserve price; the allowances are issued only once the settlement
bank confirms the exact payment; free + paid never exceeds the cap."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio


async def _plan(world) -> None:
    client, auth = world.svc.client, world.authority
    await world.tick("2026-01-10T10:00:00+08:00")
    policy = (await client.get("/policy/2026")).json() | {"paid_share": "0.1", "auction_reserve_price": "30.00"}
    put = await client.put("/policy/2026", params={"reason": "paid allocation"}, json=policy, headers=auth)
    assert put.status_code == 200, put.text
    await world.register("E-1", "E-2", "E-3")
    assert (await client.post("/plans", json={"compliance_year": 2026, "cap": 10_000}, headers=auth)).json()[
        "paid_reserve"] == 1_000
    over = await client.post("/plans/2026/entries", headers=auth, json={"entries": [
        {"entity_id": "E-1", "method": "benchmark", "intensity": "1", "output": "9001"}]})
    assert over.status_code == 422 and over.json()["article"] == "M-6"  # the cap less the paid reserve
    exact = await client.post("/plans/2026/entries", headers=auth, json={"entries": [
        {"entity_id": "E-1", "method": "benchmark", "intensity": "1", "output": "9000"}]})
    assert exact.status_code == 201 and exact.json()["remaining"] == 0
    assert (await client.post("/plans/2026/approval", headers=auth)).status_code == 200
    assert (await client.post("/plans/2026/issuance", headers=auth)).status_code == 200


async def _bid(world, sale_id: str, entity_id: str, quantity: int, price: str):
    return await world.svc.client.post(f"/sales/{sale_id}/bids", json={"quantity": quantity, "price": price},
                                       headers=world.entity(entity_id))


async def test_m9_auction_clears_uniformly_pro_rata_and_issues_only_after_payment(world):
    await _plan(world)
    client, auth = world.svc.client, world.authority
    sale = await client.post("/plans/2026/sales", json={"kind": "auction", "quantity": 1_000}, headers=auth)
    assert sale.status_code == 201, sale.text
    sale_id = sale.json()["sale_id"]
    more = await client.post("/plans/2026/sales", json={"kind": "auction", "quantity": 1}, headers=auth)
    assert more.status_code == 422 and more.json()["field"] == "quantity"  # the reserve is all on offer
    below = await _bid(world, sale_id, "E-3", 500, "29.99")
    assert below.status_code == 422 and below.json()["field"] == "price"
    for entity_id, quantity, price in (("E-1", 600, "50.00"), ("E-2", 500, "45.00"), ("E-3", 500, "45.00")):
        assert (await _bid(world, sale_id, entity_id, quantity, price)).status_code == 201
    own = (await client.get(f"/sales/{sale_id}", headers=world.entity("E-2"))).json()["bids"]
    assert [(b["bidder_id"], b["price"]) for b in own] == [("E-2", "45.00")]  # sealed
    assert (await client.get(f"/sales/{sale_id}", headers=auth)).json()["bids"] == []  # until cleared
    cleared = await client.post(f"/sales/{sale_id}/clearing", headers=auth)
    assert cleared.status_code == 200 and cleared.json()["clearing_price"] == "45.00"
    awards = {b["bidder_id"]: (b["awarded"], b["amount"]) for b in
              (await client.get(f"/sales/{sale_id}", headers=auth)).json()["bids"]}
    assert awards == {"E-1": (600, "27000.00"), "E-2": (200, "9000.00"), "E-3": (200, "9000.00")}
    late = await _bid(world, sale_id, "E-2", 1, "99.00")
    assert late.status_code == 409

    bank = world.svc.auth("settlement_bank", party_id="BANK-1")
    pay = f"/sales/{sale_id}/awards/E-1/payment"
    wrong = await client.post(pay, json={"amount": "26999.99", "reference": "B-1"}, headers=bank)
    assert wrong.status_code == 422 and wrong.json()["field"] == "amount"
    not_bank = await client.post(pay, json={"amount": "27000.00", "reference": "B-1"}, headers=world.entity("E-1"))
    assert not_bank.status_code == 403
    assert {h["vintage"]: h["quantity"] for h in await world.holdings("E-1")} == {2026: 9_000}
    paid = await client.post(pay, json={"amount": "27000.00", "reference": "B-1"}, headers=bank)
    assert paid.status_code == 200 and paid.json()["transaction_id"]
    assert {h["vintage"]: h["quantity"] for h in await world.holdings("E-1")} == {2026: 9_600}
    assert await world.holdings("E-2") == []  # not paid: nothing issued
    again = await client.post(pay, json={"amount": "27000.00", "reference": "B-1"}, headers=bank)
    assert again.status_code == 409
    plan = (await client.get("/plans/2026", headers=auth)).json()
    assert (plan["cap"], plan["free"], plan["paid_reserve"], plan["paid"], plan["remaining"]) == (
        10_000, 9_000, 1_000, 600, 0)


async def test_m9_fixed_price_sale_needs_its_price_and_an_eligible_bidder(world):
    await _plan(world)
    client, auth = world.svc.client, world.authority
    nameless = await client.post("/plans/2026/sales", json={"kind": "fixed_price", "quantity": 100}, headers=auth)
    assert nameless.status_code == 422 and nameless.json()["field"] == "price"
    sale_id = (await client.post("/plans/2026/sales", json={"kind": "fixed_price", "quantity": 100,
                                                            "price": "40.00"}, headers=auth)).json()["sale_id"]
    assert (await _bid(world, sale_id, "E-1", 10, "41.00")).status_code == 422
    stranger = await _bid(world, sale_id, "E-9", 10, "40.00")
    assert stranger.status_code == 422 and stranger.json()["field"] == "entity_id"
    assert (await _bid(world, sale_id, "E-2", 70, "40.00")).status_code == 201
    assert (await _bid(world, sale_id, "E-3", 70, "40.00")).status_code == 201
    cleared = (await client.post(f"/sales/{sale_id}/clearing", headers=auth)).json()
    assert cleared["awarded"] == 100
