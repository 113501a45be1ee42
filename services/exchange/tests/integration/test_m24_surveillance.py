"""M-24 surveillance over a real nats-server and database: each pattern raises an alert (an event for the authority
and a record the operator and the authority list) on a crafted sequence, and none on a near miss."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ets_shared.persistence.tables import OutboxMessage

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"


def alerts_sent(market) -> list[dict]:
    with market.svc.runtime.session_factory() as session:
        rows = session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject == "ets.exchange.surveillance.alert-raised.v1")).scalars()
        return [json.loads(p)["data"] for p in rows]


async def broker_and_client(market) -> None:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await market.admit("BR", kind="comprehensive")
    r = await market.client.post("/members/BR/clients", json={"client_id": "C1", "name": "Client"},
                                 headers=market.member("BR"))
    assert r.status_code == 201, r.text
    await market.fund("X-BR", "100000.00")
    await market.deposit_allowances("X-C1", 500)


async def test_m24_wash_trade_member_buying_from_its_own_client_raises_an_alert(market):
    await broker_and_client(market)
    resting = (await market.order("BR", "X-C1", "SELL", "40.00", 100)).json()
    taker = (await market.order("BR", "X-BR", "BUY", "40.00", 100)).json()
    assert taker["trades"] == []  # self-trade prevention: no trade between one owner's accounts
    [alert] = alerts_sent(market)
    assert alert["pattern"] == "wash_trade" and alert["trading_account_ids"] == ["X-BR", "X-C1"]
    assert alert["member_ids"] == ["BR"] and alert["order_ids"] == [resting["order_id"], taker["order_id"]]
    authority = market.svc.auth("authority")
    listed = await market.client.get("/surveillance/alerts?pattern=wash_trade", headers=authority)
    assert listed.status_code == 200 and [a["alert_id"] for a in listed.json()] == [alert["alert_id"]]
    one = await market.client.get(f"/surveillance/alerts/{alert['alert_id']}", headers=market.operator)
    assert one.status_code == 200 and one.json()["order_ids"] == alert["order_ids"]
    assert (await market.client.get("/surveillance/alerts", headers=market.member("BR"))).status_code == 403
    assert (await market.client.get("/surveillance/alerts")).status_code == 401


async def test_m24_wash_trade_near_miss_own_orders_not_crossing_and_other_owners_trading(market):
    await broker_and_client(market)
    await market.order("BR", "X-C1", "SELL", "40.01", 100)
    bid = (await market.order("BR", "X-BR", "BUY", "40.00", 100)).json()
    assert bid["status"] == "OPEN"  # one tick apart: the orders never meet
    await market.admit("S")
    await market.deposit_allowances("X-S", 100)
    await market.order("S", "X-S", "SELL", "40.00", 100)  # another owner: an ordinary trade
    assert alerts_sent(market) == []


async def layering(market, prices: list[str], quantity: int, *, wait_until: tuple[int, ...] | None = None) -> None:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await market.admit("S")
    await market.admit("O")
    await market.deposit_allowances("X-S", 100_000)
    await market.deposit_allowances("X-O", 100)
    await market.order("O", "X-O", "SELL", "40.00", 100)  # the touch
    placed = [(await market.order("S", "X-S", "SELL", price, quantity)).json()["order_id"] for price in prices]
    if wait_until:
        await market.at(*wait_until)
    for order_id in placed:
        r = await market.client.post(f"/orders/{order_id}/cancellation", headers=market.member("S"))
        assert r.status_code == 200, r.text


async def test_m24_layering_three_large_orders_near_the_touch_cancelled_within_the_window(market):
    await layering(market, ["40.05", "40.03", "40.01"], 10_000)  # 5 ticks from the touch counts (inclusive)
    [alert] = alerts_sent(market)
    assert alert["pattern"] == "layering" and alert["trading_account_ids"] == ["X-S"] and len(alert["order_ids"]) == 3


async def test_m24_layering_near_miss_one_tick_too_far(market):
    await layering(market, ["40.06", "40.03", "40.01"], 10_000)
    assert alerts_sent(market) == []


async def test_m24_layering_near_miss_one_tonne_too_small(market):
    await layering(market, ["40.05", "40.03", "40.01"], 9_999)
    assert alerts_sent(market) == []


async def test_m24_layering_near_miss_cancelled_after_the_window(market):
    await layering(market, ["40.05", "40.03", "40.01"], 10_000, wait_until=(2026, 5, 20, 10, 1, 1))
    assert alerts_sent(market) == []


async def closing_day(market, late_price: str) -> None:
    """100 t at 40.00 in the morning, 100 t at `late_price` at 14:55 (in the last 10 minutes)."""
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await market.admit("B")
    await market.admit("S")
    await market.fund("X-B", "100000.00")
    await market.deposit_allowances("X-S", 1000)
    await market.order("S", "X-S", "SELL", "40.00", 100)
    await market.order("B", "X-B", "BUY", "40.00", 100)
    await market.at(2026, 5, 20, 14, 55)
    await market.order("S", "X-S", "SELL", late_price, 100)
    await market.order("B", "X-B", "BUY", late_price, 100)
    await market.at(2026, 5, 20, 15, 0)


async def test_m24_marking_the_close_a_move_of_exactly_2pct_raises_an_alert(market):
    await closing_day(market, "41.60")  # close 40.80 against 40.00 without the last trade: +2.00 %
    [alert] = alerts_sent(market)
    assert alert["pattern"] == "marking_the_close" and alert["trading_account_ids"] == ["X-B", "X-S"]
    assert len(alert["trade_ids"]) == 1 and "40.80" in alert["detail"]


async def test_m24_marking_the_close_near_miss_just_under_2pct(market):
    await closing_day(market, "41.58")  # close 40.79: +1.975 %
    assert alerts_sent(market) == []


async def test_m24_layering_threshold_is_the_years_policy(market):
    policy = (await market.client.get("/policy/2026")).json()
    policy["surveillance"]["layering_min_orders"] = 2
    r = await market.client.put("/policy/2026?reason=closer+watch", json=policy, headers=market.svc.auth("authority"))
    assert r.status_code == 200, r.text
    await layering(market, ["40.05", "40.03"], 10_000)
    [alert] = alerts_sent(market)
    assert alert["pattern"] == "layering" and len(alert["order_ids"]) == 2
