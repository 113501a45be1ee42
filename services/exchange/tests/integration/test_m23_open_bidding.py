"""M-23 open bidding over a real nats-server and database: price-time priority, partial fills, amend and priority,
IOC, self-trade prevention, sessions, pre-trade reservations (no short sale, no overdraft, M-26), price limits
(M-28(1)) and the holding limit (M-28(2)); bad input changes nothing."""
from __future__ import annotations

import pytest

PRODUCT = "SHEA-2025"

pytestmark = pytest.mark.asyncio


async def two_traders(market, cash: str = "1000000.00", units: int = 10_000,
                      start: tuple[int, ...] = (2026, 5, 20, 10, 0)) -> tuple[str, str]:
    await market.at(*start)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, cash)
    await market.deposit_allowances(seller, units)
    return buyer, seller


async def test_m23_price_time_priority_and_partial_fills(market):
    buyer, seller = await two_traders(market)
    other = await market.admit("S2")
    await market.deposit_allowances(other, 1000)
    first = (await market.order("S", seller, "SELL", "40.00", 300)).json()
    second = (await market.order("S2", other, "SELL", "40.00", 300)).json()
    better = (await market.order("S", seller, "SELL", "39.90", 100)).json()
    bought = await market.order("B", buyer, "BUY", "40.00", 500)
    assert bought.status_code == 201, bought.text
    fills = [(t["sell_order_id"], t["price"], t["quantity"]) for t in bought.json()["trades"]]
    assert fills == [(better["order_id"], "39.90", 100), (first["order_id"], "40.00", 300),
                     (second["order_id"], "40.00", 100)]
    assert bought.json()["status"] == "FILLED"
    rest = (await market.client.get(f"/orders/{second['order_id']}", headers=market.member("S2"))).json()
    assert (rest["remaining"], rest["filled"], rest["status"]) == (200, 100, "OPEN")


async def test_m23_amend_down_keeps_priority_up_loses_it(market):
    buyer, seller = await two_traders(market)
    other = await market.admit("S2")
    await market.deposit_allowances(other, 1000)
    first = (await market.order("S", seller, "SELL", "40.00", 300)).json()
    second = (await market.order("S2", other, "SELL", "40.00", 300)).json()
    down = await market.client.post(f"/orders/{first['order_id']}/amendment", json={"price": "40.00", "quantity": 200},
                                    headers=market.member("S"))
    assert down.status_code == 200 and down.json()["remaining"] == 200
    assert (await market.balances(seller))["units"] == (9_800, 200)
    bought = (await market.order("B", buyer, "BUY", "40.00", 100)).json()
    assert bought["trades"][0]["sell_order_id"] == first["order_id"]  # still first in the queue
    up = await market.client.post(f"/orders/{first['order_id']}/amendment", json={"price": "40.00", "quantity": 500},
                                  headers=market.member("S"))
    assert up.status_code == 200
    bought = (await market.order("B", buyer, "BUY", "40.00", 100)).json()
    assert bought["trades"][0]["sell_order_id"] == second["order_id"]  # the increase went to the back


async def test_m23_ioc_rest_cancelled_and_released(market):
    buyer, seller = await two_traders(market)
    await market.order("S", seller, "SELL", "40.00", 100)
    ioc = (await market.order("B", buyer, "BUY", "40.00", 300, tif="IOC")).json()
    assert (ioc["filled"], ioc["remaining"], ioc["status"]) == (100, 0, "CANCELLED")
    turnover_and_fee = "4006.00"  # 100 x 40.00 + 0.15 % fee
    assert (await market.balances(buyer))["cash"] == (f"{1_000_000 - 4006:.2f}", turnover_and_fee)


async def test_m23_self_trade_prevented_member_and_its_client_are_one_owner(market):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    broker = await market.admit("BR", kind="comprehensive")
    client = await market.client.post("/members/BR/clients", json={"client_id": "C1", "name": "Client"},
                                      headers=market.member("BR"))
    assert client.status_code == 201, client.text
    await market.fund(broker, "100000.00")
    await market.deposit_allowances("X-C1", 500)
    resting = (await market.order("BR", "X-C1", "SELL", "40.00", 100)).json()
    taker = (await market.order("BR", broker, "BUY", "40.00", 100)).json()
    assert taker["trades"] == [] and taker["status"] == "OPEN"
    gone = (await market.client.get(f"/orders/{resting['order_id']}", headers=market.member("BR"))).json()
    assert gone["status"] == "CANCELLED"
    assert (await market.balances("X-C1"))["units"] == (500, 0)  # released


async def test_m23_orders_only_in_sessions_boundaries(market):
    buyer, seller = await two_traders(market, start=(2026, 5, 20, 9, 29, 59))
    for when, accepted in (((2026, 5, 20, 9, 29, 59), False), ((2026, 5, 20, 9, 30), True),
                           ((2026, 5, 20, 11, 30), False), ((2026, 5, 20, 13, 0), True),
                           ((2026, 5, 20, 15, 0), False)):
        await market.at(*when)
        r = await market.order("B", buyer, "BUY", "39.00", 1)
        assert (r.status_code == 201) is accepted, (when, r.text)
        if not accepted:
            assert r.json()["article"] == "M-23" and "session" in r.json()["detail"]
    await market.at(2026, 5, 23, 10, 0)  # a Saturday
    r = await market.order("B", buyer, "BUY", "39.00", 1)
    assert r.status_code == 422 and "not a trading day" in r.json()["detail"]


async def test_m28_price_limit_at_exactly_10pct_accepted_one_tick_beyond_refused(market):
    buyer, seller = await two_traders(market)  # reference close 40.00: band 36.00 - 44.00
    for price, ok in (("44.00", True), ("44.01", False), ("36.00", True), ("35.99", False)):
        r = await market.order("B", buyer, "BUY", price, 1)
        assert (r.status_code == 201) is ok, (price, r.text)
        if not ok:
            assert r.json()["article"] == "M-28" and r.json()["invalid_params"][0]["name"] == "price"


async def test_m28_previous_close_is_the_vwap_of_the_last_days_trades(market):
    buyer, seller = await two_traders(market)
    await market.order("S", seller, "SELL", "40.00", 100)
    await market.order("S", seller, "SELL", "42.00", 300)
    await market.order("B", buyer, "BUY", "42.00", 400)  # VWAP (4000 + 12600) / 400 = 41.50
    await market.at(2026, 5, 21, 10, 0)
    assert (await market.order("B", buyer, "BUY", "45.65", 1)).status_code == 201  # 41.50 x 1.1
    assert (await market.order("B", buyer, "BUY", "45.66", 1)).status_code == 422


async def test_m26_no_short_sale_and_no_overdraft(market):
    buyer, seller = await two_traders(market, cash="4006.00", units=100)
    short = await market.order("S", seller, "SELL", "40.00", 101)
    assert short.status_code == 422 and "short sale" in short.json()["detail"]
    assert (await market.balances(seller))["units"] == (100, 0)
    exact = await market.order("B", buyer, "BUY", "40.00", 100)  # 4000 + 6.00 fee: exactly the funds
    assert exact.status_code == 201
    over = await market.order("B", buyer, "BUY", "40.00", 1)
    assert over.status_code == 422 and "overdraft" in over.json()["detail"]
    assert (await market.balances(buyer))["cash"] == ("0.00", "4006.00")


async def test_m28_holding_limit(market):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("1.00")
    buyer = await market.admit("B")
    await market.fund(buyer, "5000000.00")
    await market.deposit_allowances(buyer, 999_000)
    assert (await market.order("B", buyer, "BUY", "1.00", 1_000)).status_code == 201  # exactly 1,000,000
    over = await market.order("B", buyer, "BUY", "1.00", 1)
    assert over.status_code == 422 and over.json()["article"] == "M-28"


async def test_m23_bad_input_is_422_naming_the_field_and_changes_nothing(market):
    buyer, seller = await two_traders(market)
    base = {"trading_account_id": buyer, "product_id": PRODUCT, "side": "BUY", "price": "40.00", "quantity": 10}
    for change, field in (({"price": "40.001"}, "body.price"), ({"price": 40.0}, "body.price"),
                          ({"quantity": 0}, "body.quantity"), ({"quantity": 1.5}, "body.quantity"),
                          ({"product_id": "SHEA-1999"}, "product_id")):
        r = await market.client.post("/orders", json={**base, **change}, headers=market.member("B"))
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), r.text
        assert r.json()["invalid_params"][0]["name"] == field, (change, r.json())
    assert (await market.balances(buyer))["cash"] == ("1000000.00", "0.00")
    listed = await market.client.get(f"/trading-accounts/{buyer}/orders", headers=market.member("B"))
    assert listed.json() == []


async def test_m22_orders_only_through_the_member_suspended_members_place_none(market):
    buyer, seller = await two_traders(market)
    assert (await market.order("S", buyer, "BUY", "40.00", 1)).status_code == 403  # another member's account
    r = await market.client.post("/members/B/suspension", json={"reason": "rules"}, headers=market.operator)
    assert r.status_code == 200
    refused = await market.order("B", buyer, "BUY", "40.00", 1)
    assert refused.status_code == 403 and refused.json()["article"] == "M-20"
    no_clients = await market.client.post("/members/S/clients", json={"client_id": "C9", "name": "C"},
                                          headers=market.member("S"))
    assert no_clients.status_code == 403 and no_clients.json()["article"] == "M-22"  # self-operating


async def test_m19_only_the_operator_lists_a_product_once(market):
    body = {"product_id": PRODUCT, "vintage": 2025, "reference_price": "40.00"}
    await market.admit("B")
    assert (await market.client.post("/products", json=body, headers=market.member("B"))).status_code == 403
    assert (await market.client.post("/products", json=body, headers=market.operator)).status_code == 201
    again = await market.client.post("/products", json={**body, "reference_price": "41.00"}, headers=market.operator)
    assert again.status_code == 409
    listed = (await market.client.get("/products", headers=market.member("B"))).json()
    assert [(p["product_id"], p["reference_price"]) for p in listed] == [(PRODUCT, "40.00")]
