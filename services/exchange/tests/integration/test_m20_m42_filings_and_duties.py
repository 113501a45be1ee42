"""M-20 and the exchange's M-42 duties, observable as events: every approved change of the year's trading rules, fee
schedule and limits is a numbered version with who and why, queryable, and a filing event; the market opens each
trading day at its first tick in session time, announcing when the day's report is due and the risk rules in force;
every settled trade's fees are checked against the schedule in force at its execution."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from ets_shared.contracts.exchange import FeeOutsideSchedule, TradingDayOpened, TradingRulesFiled
from ets_shared.testing.service import eventually, subject_listener
from exchange.adapters.orm import TradeRow

pytestmark = pytest.mark.asyncio


async def put_rules(market, document: dict, reason: str, role: str = "authority"):
    return await market.client.put("/policy/2026", params={"reason": reason}, json=document,
                                   headers=market.svc.auth(role))


async def test_m20_every_rules_change_a_version_with_who_and_why_and_a_filing_event(market, nats_url):
    await market.at(2026, 1, 5, 9, 0)
    async with subject_listener(nats_url, TradingRulesFiled.contract.subject) as filed:
        assert (await put_rules(market, {}, "the year's rules approved")).status_code == 200
        fees = {"open_bidding_fees": {"buyer": "0.0020", "seller": "0.0020"}, "price_limit": "0.1"}  # 0.1 = 0.10
        assert (await put_rules(market, fees, "fee schedule raised by the price bureau")).status_code == 200
        refused = await put_rules(market, {"price_limit": "0.2"}, "not the exchange's to approve", "exchange_operator")
        assert refused.status_code == 403
        await eventually(lambda: len(filed) == 2)
    assert [(f["data"]["version"], f["data"]["changed"], f["data"]["reason"]) for f in filed] == [
        (1, [], "the year's rules approved"), (2, ["open_bidding_fees"], "fee schedule raised by the price bureau")]
    assert filed[1]["data"]["document"]["open_bidding_fees"] == {"buyer": "0.0020", "seller": "0.0020"}
    history = (await market.client.get("/policy/2026/versions", headers=market.svc.auth("authority"))).json()
    assert [(v["version"], v["changed"]) for v in history] == [(1, []), (2, ["open_bidding_fees"])]
    assert history[1]["filed_by"].startswith("authority")
    assert (await market.client.get("/policy/2026/versions", headers=market.member("B"))).status_code == 403
    assert (await market.client.get("/policy/1999/versions", headers=market.operator)).status_code == 422


async def test_m42_a_trading_day_opens_at_its_first_tick_in_session_time_once(market, nats_url):
    async with subject_listener(nats_url, TradingDayOpened.contract.subject) as opened:
        await market.at(2026, 5, 19, 10, 0)  # nothing listed yet: nothing to trade or report
        await market.list_product("40.00")
        await market.at(2026, 5, 20, 9, 29)  # before the first session: not yet
        await market.at(2026, 5, 20, 9, 30)
        await market.at(2026, 5, 20, 14, 0)  # the same day: once
        await market.at(2026, 5, 23, 10, 0)  # a Saturday: no trading day
        await market.at(2026, 5, 25, 16, 0)  # Monday, after the sessions: it was open
        await eventually(lambda: len(opened) == 2)
    first = opened[0]["data"]
    assert [o["data"]["trading_date"] for o in opened] == ["2026-05-20", "2026-05-25"]
    assert first["market_report_due_at"] == "2026-05-20T10:00:00Z"  # 18:00 Shanghai
    assert (first["rules_version"], first["price_limit"], first["large_holder_report_t"]) == (None, "0.10", 500000)
    assert first["risk_reserve_share"] == "0.20"


async def test_m42_fees_outside_the_schedule_reported_at_settlement(market, nats_url):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances(seller, 2000)
    async with subject_listener(nats_url, FeeOutsideSchedule.contract.subject) as outside:
        await market.order("S", seller, "SELL", "40.00", 2000)
        fair = (await market.order("B", buyer, "BUY", "40.00", 1000)).json()["trades"][0]
        unfair = (await market.order("B", buyer, "BUY", "40.00", 1000)).json()["trades"][0]
        with market.svc.runtime.session_factory() as session:  # a fee charged against the schedule
            session.execute(update(TradeRow).where(TradeRow.trade_id == unfair["trade_id"])
                            .values(seller_fee_cents=9000))
            session.commit()
        await market.delivered(fair)
        await market.delivered(unfair)
        await eventually(lambda: outside)
    assert len(outside) == 1
    data = outside[0]["data"]
    assert (data["trade_id"], data["seller_fee"], data["schedule_seller_fee"]) == (unfair["trade_id"], "90.00",
                                                                                    "60.00")
