"""M-25 market data over a real nats-server and database: the public API (no token) shows the day so far, the
book's depth and the tape; the feed prints every trade and one conflated depth update per command; the day-end
report is published once, at the first tick after the last session (or the operator's request), and the history
is queryable by date range."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ets_shared.persistence.tables import OutboxMessage

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"
DAY = "2026-05-20"  # a Wednesday


def outbox(market, event: str) -> list[dict]:
    with market.svc.runtime.session_factory() as session:
        rows = session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject == f"ets.exchange.{event}.v1").order_by(OutboxMessage.created_at)).scalars()
        return [json.loads(p)["data"] for p in rows]


async def trading_day(market) -> None:
    """Open bidding: 100 t at 40.00, 200 t at 41.00, 100 t at 39.50; an agreement transfer of 1,000 t at 45.00."""
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller, other = await market.admit("B"), await market.admit("S"), await market.admit("S2")
    await market.fund(buyer, "1000000.00")
    await market.deposit_allowances(seller, 10_000)
    await market.deposit_allowances(other, 10_000)
    for price, quantity in (("40.00", 100), ("41.00", 200), ("39.50", 100)):
        await market.order("S", seller, "SELL", price, quantity)
        assert (await market.order("B", buyer, "BUY", price, quantity)).json()["status"] == "FILLED"
    r = await market.client.post("/agreements", json={
        "agreement_id": "A1", "trading_account_id": other, "counterparty_trading_account_id": buyer, "side": "SELL",
        "product_id": PRODUCT, "price": "45.00", "quantity": 1000}, headers=market.member("S2"))
    assert r.status_code == 201, r.text
    r = await market.client.post("/agreements/A1/confirmation", headers=market.member("B"))
    assert r.status_code == 200, r.text


EXPECTED_DAY = {"product_id": PRODUCT, "vintage": 2025, "open": "40.00", "high": "41.00", "low": "39.50",
                "close": "40.38", "volume": 400, "turnover": "16150.00", "trades": 4, "agreement_volume": 1000,
                "agreement_turnover": "45000.00"}


async def test_m25_public_api_needs_no_token_and_shows_ohlc_vwap_depth_and_tape(market):
    await trading_day(market)
    await market.order("S", "X-S", "SELL", "40.50", 300)
    await market.order("S2", "X-S2", "SELL", "40.50", 200)
    await market.order("B", "X-B", "BUY", "39.00", 50)
    quotes = await market.client.get("/market/products")  # no Authorization header
    assert quotes.status_code == 200, quotes.text
    quote = quotes.json()[0]
    assert quote["today"] == EXPECTED_DAY
    assert (quote["previous_close"], quote["best_bid"], quote["best_ask"], quote["last_price"]) == \
        ("40.00", "39.00", "40.50", "45.00")
    depth = (await market.client.get(f"/market/products/{PRODUCT}/depth?levels=2")).json()
    assert depth["asks"] == [{"price": "40.50", "quantity": 500}]
    assert depth["bids"] == [{"price": "39.00", "quantity": 50}]
    tape = (await market.client.get(f"/market/products/{PRODUCT}/trades?date={DAY}&limit=3")).json()
    assert [(t["mode"], t["price"], t["quantity"]) for t in tape] == \
        [("open_bidding", "40.00", 100), ("open_bidding", "41.00", 200), ("open_bidding", "39.50", 100)]
    assert "buyer_trading_account_id" not in tape[0]
    bad = await market.client.get(f"/market/products/{PRODUCT}/depth?levels=51")
    assert bad.status_code == 422
    assert (await market.client.get("/market/products/NOPE/depth")).status_code in (404, 422)


async def test_m25_feed_prints_every_trade_and_one_depth_update_per_command(market):
    await trading_day(market)
    assert [(p["mode"], p["price"], p["quantity"]) for p in outbox(market, "market.trade-printed")] == [
        ("open_bidding", "40.00", 100), ("open_bidding", "41.00", 200), ("open_bidding", "39.50", 100),
        ("agreement", "45.00", 1000)]
    assert all("buyer_trading_account_id" not in p for p in outbox(market, "market.trade-printed"))
    before = len(outbox(market, "market.depth-changed"))
    for price in ("40.00", "40.01", "40.02"):
        await market.order("S", "X-S", "SELL", price, 100)
    sweep = (await market.order("B", "X-B", "BUY", "40.02", 300)).json()
    assert len(sweep["trades"]) == 3
    depth = outbox(market, "market.depth-changed")
    assert len(depth) == before + 4  # three orders resting, one sweep of three fills: one update each
    assert depth[-1]["asks"] == [] and depth[-1]["last_price"] == "40.02"
    assert depth[-2]["asks"][0] == {"price": "40.00", "quantity": 100, "orders": 1}


async def test_m25_day_end_report_published_once_at_the_first_tick_after_the_close(market):
    await trading_day(market)
    assert (await market.client.get(f"/market/days/{DAY}")).status_code == 404
    early = await market.client.post(f"/market/days/{DAY}/report", headers=market.operator)
    assert early.status_code == 409  # the day has not ended
    await market.at(2026, 5, 20, 14, 59)
    assert outbox(market, "market-day.reported") == []
    await market.at(2026, 5, 20, 15, 0)
    await market.at(2026, 5, 20, 15, 5)
    reports = outbox(market, "market-day.reported")
    assert len(reports) == 1 and reports[0]["trading_date"] == DAY
    assert reports[0]["products"] == [EXPECTED_DAY]
    public = await market.client.get(f"/market/days/{DAY}")
    assert public.status_code == 200 and public.json()["products"] == [EXPECTED_DAY]
    again = await market.client.post(f"/market/days/{DAY}/report", headers=market.operator)
    assert again.status_code == 200 and again.json()["reported_at"] == public.json()["reported_at"]
    assert len(outbox(market, "market-day.reported")) == 1
    refused = await market.client.post(f"/market/days/{DAY}/report")
    assert refused.status_code == 401
    assert (await market.client.post(f"/market/days/{DAY}/report", headers=market.member("B"))).status_code == 403


async def test_m25_history_by_date_range_every_trading_day_reported(market):
    await trading_day(market)
    await market.at(2026, 5, 25, 16, 0)  # Monday: Wed, Thu, Fri and Mon reported; the weekend is not a trading day
    days = (await market.client.get(f"/market/days?product_id={PRODUCT}&start=2026-05-19&end=2026-05-31")).json()
    assert [(d["trading_date"], d["close"], d["volume"]) for d in days] == [
        (DAY, "40.38", 400), ("2026-05-21", "40.38", 0), ("2026-05-22", "40.38", 0), ("2026-05-25", "40.38", 0)]
    paged = (await market.client.get(f"/market/days?product_id={PRODUCT}&start=2026-05-19&end=2026-05-31"
                                      "&offset=1&limit=2")).json()
    assert [d["trading_date"] for d in paged] == ["2026-05-21", "2026-05-22"]
    too_long = await market.client.get(f"/market/days?product_id={PRODUCT}&start=2025-01-01&end=2026-05-31")
    assert too_long.status_code == 422 and too_long.json()["field"] == "start"
    assert len(outbox(market, "market-day.reported")) == 4
