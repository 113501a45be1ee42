"""M-26, M-27, M-28(4) over a real nats-server and database: a trade settles both legs or neither, fees per mode and
side with a share into the risk reserve fund, and a re-delivered registry answer moves nothing twice."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import RegistryTransferRefused
from ets_shared.contracts.exchange import TradeDeliveryInstructed, TradeSettled, TradeSettlementFailed
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def matched(market) -> dict:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances(seller, 1000)
    await market.order("S", seller, "SELL", "40.00", 1000)
    bought = (await market.order("B", buyer, "BUY", "40.00", 1000)).json()
    return bought["trades"][0]


async def test_m27_fees_per_side_and_m28_reserve_share_on_settlement(market, nats_url):
    async with subject_listener(nats_url, TradeSettled.contract.subject) as settled, \
            subject_listener(nats_url, TradeDeliveryInstructed.contract.subject) as instructed:
        trade = await matched(market)
        assert (trade["buyer_fee"], trade["seller_fee"]) == ("60.00", "60.00")  # 0.15 % of 40,000 each side
        await eventually(lambda: instructed)
        assert instructed[0]["data"]["trade_id"] == trade["trade_id"]
        assert (await market.balances("X-B"))["cash"] == ("59940.00", "40060.00")  # reserved until delivery
        delivery = await market.delivered(trade)
        await market.send(delivery.data)  # the same answer again (a new event): nothing moves twice
        assert (await market.balances("X-B")) == {"cash": ("59940.00", "0.00"), "units": (1000, 0)}
        assert (await market.balances("X-S")) == {"cash": ("39940.00", "0.00"), "units": (0, 0)}
        funds = (await market.client.get("/exchange-accounts", headers=market.operator)).json()
        assert [(f["trading_account_id"], f["cash_available"]) for f in funds] == [
            ("EXCHANGE-FEES", "96.00"), ("EXCHANGE-RISK-RESERVE", "24.00")]
        assert (await market.client.get("/exchange-accounts", headers=market.member("B"))).status_code == 403
        await eventually(lambda: settled)
        data = settled[0]["data"]
        assert (data["turnover"], data["risk_reserve"]) == ("40000.00", "24.00")  # 20 % of 120.00 fees
        assert len(settled) == 1
    statement = (await market.client.get("/trading-accounts/X-B/statement", headers=market.member("B"))).json()
    assert [(line["kind"], line["cash"], line["quantity"]) for line in statement] == [
        ("cash_deposit", "100000.00", 0), ("trade_buy", "-40060.00", 1000)]


async def test_m26_settlement_all_or_nothing_when_the_registry_leg_fails(market, nats_url):
    async with subject_listener(nats_url, TradeSettlementFailed.contract.subject) as failed:
        trade = await matched(market)
        await market.refused(trade)
        await market.delivered(trade)  # a late delivery of a failed trade changes nothing either
        assert (await market.balances("X-B")) == {"cash": ("100000.00", "0.00"), "units": (0, 0)}
        assert (await market.balances("X-S")) == {"cash": ("0.00", "0.00"), "units": (1000, 0)}
        trades = (await market.client.get("/trading-accounts/X-S/trades", headers=market.member("S"))).json()
        assert trades[0]["status"] == "FAILED" and trades[0]["failure_reason"] == "seller holds too few"
        await eventually(lambda: failed)
        assert failed[0]["data"]["trade_id"] == trade["trade_id"]


async def test_m26_an_answer_about_a_trade_the_exchange_never_made_moves_nothing_and_is_recorded(market):
    trade = await matched(market)
    await market.send(RegistryTransferRefused(purpose="trade_delivery", reference="TRD-NEVER", reason="?",
                                              refused_at=market.sh(2026, 5, 20, 10)))
    audit = (await market.client.get("/audit", params={"subject_ref": "trade:TRD-NEVER"},
                                     headers=market.svc.auth("authority"))).json()
    assert [a["action"] for a in audit] == ["exchange.registry-answer.unmatched"]
    assert (await market.balances("X-B"))["cash"] == ("59940.00", "40060.00")  # nothing moved
    await market.delivered(trade)  # the stream went on: the real trade still settles
    assert (await market.balances("X-B"))["units"] == (1000, 0)
