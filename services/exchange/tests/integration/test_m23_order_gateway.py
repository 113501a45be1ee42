"""M-23 open bidding through the members' NATS order gateway (request/reply on `ets.rpc.exchange.orders`): the same
orders, checks and answers as `POST /orders`, the member authenticated by its token on every request (M-22), many
requests outstanding at once entered by the sequencer in batches, each answered after its batch committed; and mass
orders (`ets.rpc.exchange.orders.mass`): many orders in one request, each entered in turn with an answer of its own."""
from __future__ import annotations

import asyncio
import json

import nats
import pytest

from exchange.entrypoints.rpc import MASS_ORDERS_SUBJECT, ORDERS_SUBJECT

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"


@pytest.fixture
async def nc(nats_url):
    """A gateway's NATS connection, drained at the end of the test."""
    connection = await nats.connect(nats_url)
    yield connection
    await connection.drain()


async def request(nc, headers: dict[str, str], body: object) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    reply = await nc.request(ORDERS_SUBJECT, data, timeout=30, headers=headers)
    return int(reply.headers["Status"]), json.loads(reply.data)


async def traders(market) -> tuple[str, str]:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "10000000.00")
    await market.deposit_allowances(seller, 10_000)
    return buyer, seller


def order(account: str, side: str, price: str, quantity: int) -> dict:
    return {"trading_account_id": account, "product_id": PRODUCT, "side": side, "price": price, "quantity": quantity}


async def test_m23_orders_through_the_nats_gateway_match_and_are_recorded(market, nc):
    buyer, seller = await traders(market)
    status, offer = await request(nc, market.member("S"), order(seller, "SELL", "40.00", 300))
    assert status == 201, offer
    status, bid = await request(nc, market.member("B"), order(buyer, "BUY", "40.10", 100))
    assert status == 201, bid
    assert [(t["sell_order_id"], t["price"], t["quantity"]) for t in bid["trades"]] == [
        (offer["order_id"], "40.00", 100)]
    recorded = await market.client.get(f"/orders/{offer['order_id']}", headers=market.member("S"))
    assert (recorded.json()["remaining"], recorded.json()["filled"]) == (200, 100)
    assert (await market.balances(seller))["units"] == (9_700, 300)


async def test_m22_m23_gateway_refusals_name_the_field_and_change_nothing(market, nc):
    buyer, seller = await traders(market)
    status, body = await request(nc, {}, order(seller, "SELL", "40.00", 1))
    assert status == 401, body
    status, body = await request(nc, market.operator, order(seller, "SELL", "40.00", 1))
    assert status == 403, body
    status, body = await request(nc, market.member("B"), order(seller, "SELL", "40.00", 1))
    assert (status, body["field"], body["article"]) == (403, "trading_account_id", "M-22")
    status, body = await request(nc, market.member("S"), {**order(seller, "SELL", "40.00", 1), "price": 40.0})
    assert (status, body["field"]) == (422, "price")
    status, body = await request(nc, market.member("S"), order(seller, "SELL", "44.01", 1))
    assert (status, body["field"], body["article"]) == (422, "price", "M-28")
    status, body = await request(nc, market.member("S"), order(seller, "SELL", "40.00", 10_001))
    assert (status, body["field"], body["article"]) == (422, "quantity", "M-26")
    status, body = await request(nc, market.member("S"), b"not json")
    assert status == 422, body
    assert (await market.balances(seller))["units"] == (10_000, 0)
    orders = await market.client.get(f"/trading-accounts/{seller}/orders", headers=market.operator)
    assert orders.json() == []


async def test_m23_many_outstanding_requests_all_answered_and_reconciled(market, nc):
    buyer, seller = await traders(market)
    sells = [request(nc, market.member("S"), order(seller, "SELL", "40.00", 10)) for _ in range(60)]
    buys = [request(nc, market.member("B"), order(buyer, "BUY", "40.00", 10)) for _ in range(40)]
    answers = await asyncio.gather(*sells, *buys)
    assert [status for status, _body in answers] == [201] * 100
    sequences = sorted(body["sequence"] for _status, body in answers)
    assert len(set(sequences)) == 100
    filled = sum(t["quantity"] for _status, body in answers[60:] for t in body["trades"])
    rows = (await market.client.get(f"/trading-accounts/{seller}/orders", headers=market.operator,
                                    params={"limit": 1000})).json()
    assert len(rows) == 60 and sum(r["filled"] for r in rows) == filled
    assert (await market.balances(seller))["units"] == (10_000 - 600, 600)


async def mass(nc, headers: dict[str, str], body: object) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    reply = await nc.request(MASS_ORDERS_SUBJECT, data, timeout=30, headers=headers)
    return int(reply.headers["Status"]), json.loads(reply.data)


async def test_m23_mass_order_enters_each_order_in_turn_with_an_answer_each(market, nc):
    buyer, seller = await traders(market)
    status, body = await mass(nc, market.member("S"), {"orders": [
        order(seller, "SELL", "40.00", 300), order(seller, "SELL", "40.10", 200)]})
    assert status == 200, body
    assert [r["status"] for r in body["results"]] == [201, 201]
    first, second = (r["order"] for r in body["results"])
    assert second["sequence"] > first["sequence"]  # entered in the request's order
    status, body = await mass(nc, market.member("B"), {"orders": [order(buyer, "BUY", "40.10", 400)]})
    (bid,) = body["results"]
    assert [(t["sell_order_id"], t["price"], t["quantity"]) for t in bid["order"]["trades"]] == [
        (first["order_id"], "40.00", 300), (second["order_id"], "40.10", 100)]
    assert (await market.balances(seller))["units"] == (9_500, 500)  # 400 sold, 100 resting: reserved


async def test_m22_m23_mass_order_refuses_a_bad_order_alone_naming_its_field(market, nc):
    buyer, seller = await traders(market)
    status, body = await mass(nc, market.member("S"), {"orders": [
        {**order(seller, "SELL", "40.00", 1), "price": 40.0},   # a float: not exact
        order(seller, "SELL", "44.01", 1),                      # beyond the price limit
        order(buyer, "SELL", "40.00", 1),                       # another member's account
        order(seller, "SELL", "40.00", 10)]})
    assert status == 200, body
    answers = [(r["status"], r.get("problem", {}).get("field"), r.get("problem", {}).get("article"))
               for r in body["results"]]
    assert answers == [(422, "orders.0.price", None), (422, "orders.1.price", "M-28"),
                       (403, "orders.2.trading_account_id", "M-22"), (201, None, None)]
    assert (await market.balances(seller))["units"] == (9_990, 10)  # only the good order reserved
    status, body = await mass(nc, market.operator, {"orders": [order(seller, "SELL", "40.00", 1)]})
    assert status == 403, body
    status, body = await mass(nc, {}, {"orders": [order(seller, "SELL", "40.00", 1)]})
    assert status == 401, body
    status, body = await mass(nc, market.member("S"), {"orders": []})
    assert (status, body["field"]) == (422, "orders")
    status, body = await mass(nc, market.member("S"), b"not json")
    assert status == 422, body
    orders = await market.client.get(f"/trading-accounts/{seller}/orders", headers=market.operator)
    assert len(orders.json()) == 1
