"""M-29 (and M-28(1), (2)) over a real nats-server and database: the operations desk halts a product or the market
and resumes it, widens or narrows the price limit, changes the holding limit — each with its reason, reported to the
authority at once as an event and lifted by the desk or by its end time. Orders, amendments and agreement transfers
are refused during a halt (409 naming M-29 and the reason); resting orders survive it and may be cancelled."""
from __future__ import annotations

import pytest

from ets_shared.contracts.exchange import MarketMeasureImposed, MarketMeasureLifted
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"


async def setup(market) -> tuple[str, str]:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "1000000.00")
    await market.deposit_allowances(seller, 10_000)
    return buyer, seller


async def impose(market, measure_id: str, kind: str, **fields):
    body = {"measure_id": measure_id, "kind": kind, "reason": fields.pop("reason", "abnormal prices"), **fields}
    return await market.client.post("/market-measures", json=body, headers=market.operator)


async def lift(market, measure_id: str, headers=None):
    return await market.client.post(f"/market-measures/{measure_id}/lifting", json={"reason": "situation over"},
                                    headers=headers or market.operator)


async def test_m29_halt_refuses_orders_with_the_reason_and_resume_restores(market, nats_url):
    buyer, seller = await setup(market)
    async with subject_listener(nats_url, MarketMeasureImposed.contract.subject) as imposed, \
            subject_listener(nats_url, MarketMeasureLifted.contract.subject) as lifted:
        resting = (await market.order("S", seller, "SELL", "40.00", 500)).json()
        halted = await impose(market, "H-1", "halt", product_id=PRODUCT, reason="suspected wash trades")
        assert halted.status_code == 201, halted.text
        refused = await market.order("B", buyer, "BUY", "40.00", 100)
        assert refused.status_code == 409 and refused.json()["article"] == "M-29"
        assert "suspected wash trades" in refused.json()["detail"]
        amend = await market.client.post(f"/orders/{resting['order_id']}/amendment",
                                         json={"price": "40.10", "quantity": 500}, headers=market.member("S"))
        assert amend.status_code == 409 and amend.json()["article"] == "M-29"
        agreement = await market.client.post("/agreements", headers=market.member("B"), json={
            "agreement_id": "A-1", "trading_account_id": buyer, "counterparty_trading_account_id": seller,
            "side": "BUY", "product_id": PRODUCT, "price": "40.00", "quantity": 100})
        assert agreement.status_code == 409 and agreement.json()["article"] == "M-29"
        # the resting order survived the halt with its reservation, and nothing traded
        still = (await market.client.get(f"/orders/{resting['order_id']}", headers=market.member("S"))).json()
        assert (still["status"], still["remaining"]) == ("OPEN", 500)
        assert (await market.balances(seller))["units"] == (9_500, 500)
        assert (await market.balances(buyer))["cash"] == ("1000000.00", "0.00")
        await eventually(lambda: imposed)
        assert imposed[0]["data"]["reason"] == "suspected wash trades"
        assert imposed[0]["data"]["product_id"] == PRODUCT and imposed[0]["data"]["kind"] == "halt"

        assert (await lift(market, "H-1")).status_code == 200
        bought = await market.order("B", buyer, "BUY", "40.00", 100)
        assert bought.status_code == 201 and bought.json()["trades"][0]["sell_order_id"] == resting["order_id"]
        await eventually(lambda: lifted)
        assert lifted[0]["data"]["measure_id"] == "H-1"
    assert (await lift(market, "H-1")).status_code == 409  # lifted once


async def test_m29_market_halt_stops_every_product_cancels_still_allowed(market):
    buyer, seller = await setup(market)
    await market.list_product("40.00", product_id="SHEA-2025B")
    resting = (await market.order("S", seller, "SELL", "41.00", 300)).json()
    assert (await impose(market, "H-ALL", "halt", reason="force majeure: data centre outage")).status_code == 201
    for product in (PRODUCT, "SHEA-2025B"):
        refused = await market.order("B", buyer, "BUY", "40.00", 10, product=product)
        assert refused.status_code == 409 and "whole market" in refused.json()["detail"]
    cancelled = await market.client.post(f"/orders/{resting['order_id']}/cancellation", headers=market.member("S"))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "CANCELLED"
    assert (await market.balances(seller))["units"] == (10_000, 0)


async def test_m29_halt_lifted_at_its_end_time_by_the_clock(market):
    buyer, seller = await setup(market)
    ends = market.sh(2026, 5, 20, 10, 30).isoformat()
    assert (await impose(market, "H-2", "halt", product_id=PRODUCT, ends_at=ends)).status_code == 201
    await market.at(2026, 5, 20, 10, 29, 59)
    assert (await market.order("B", buyer, "BUY", "40.00", 10)).status_code == 409
    await market.at(2026, 5, 20, 10, 30)
    assert (await market.order("B", buyer, "BUY", "40.00", 10)).status_code == 201
    measure = (await market.client.get("/market-measures", headers=market.operator)).json()[0]
    assert (measure["active"], measure["lifted_by"]) == (False, "end time")


async def test_m29_widened_price_limit_accepts_a_price_the_default_refused_narrowed_refuses(market):
    buyer, seller = await setup(market)
    assert (await market.order("S", seller, "SELL", "44.01", 10)).status_code == 422  # +10 % of 40.00 is 44.00
    widened = await impose(market, "PL-1", "price_limit", product_id=PRODUCT, price_limit="0.15")
    assert widened.status_code == 201, widened.text
    assert (await market.order("S", seller, "SELL", "44.01", 10)).status_code == 201
    assert (await market.order("S", seller, "SELL", "46.00", 10)).status_code == 201  # exactly +15 %
    beyond = await market.order("S", seller, "SELL", "46.01", 10)
    assert beyond.status_code == 422 and beyond.json()["article"] == "M-28"
    assert (await lift(market, "PL-1")).status_code == 200
    assert (await market.order("S", seller, "SELL", "44.01", 10)).status_code == 422
    narrowed = await impose(market, "PL-2", "price_limit", price_limit="0.05")  # market-wide
    assert narrowed.status_code == 201
    assert (await market.order("S", seller, "SELL", "42.00", 10)).status_code == 201  # exactly +5 %
    assert (await market.order("S", seller, "SELL", "42.01", 10)).status_code == 422


async def test_m29_holding_limit_changed_by_the_desk(market):
    buyer, seller = await setup(market)
    assert (await impose(market, "HL-1", "holding_limit", max_holding_t=1000)).status_code == 201
    assert (await market.order("B", buyer, "BUY", "40.00", 1000)).status_code == 201  # exactly the limit
    over = await market.order("B", buyer, "BUY", "40.00", 1)
    assert over.status_code == 422 and over.json()["article"] == "M-28"
    refused = await impose(market, "HL-2", "holding_limit", max_holding_t=10, product_id=PRODUCT)
    assert refused.status_code == 422  # a holding limit is per account, never per product


async def test_m29_only_the_desk_acts_the_authority_reads_others_refused(market):
    await setup(market)
    body = {"measure_id": "H-9", "kind": "halt", "reason": "x-y-z"}
    for role, party in (("authority", None), ("member", "B"), ("settlement_bank", "BANK"), ("entity", "E-1")):
        headers = market.svc.auth(role, party_id=party) if party else market.svc.auth(role)
        assert (await market.client.post("/market-measures", json=body, headers=headers)).status_code == 403
    assert (await market.client.get("/market-measures", headers=market.operator)).json() == []
    assert (await impose(market, "H-9", "halt")).status_code == 201
    assert (await lift(market, "H-9", market.member("B"))).status_code == 403
    assert (await lift(market, "H-9", market.svc.auth("authority"))).status_code == 403
    seen = await market.client.get("/market-measures?active=true", headers=market.svc.auth("authority"))
    assert [m["measure_id"] for m in seen.json()] == ["H-9"]
    assert (await market.client.get("/market-measures", headers=market.member("B"))).status_code == 403
    for bad in ({"measure_id": "X", "kind": "halt", "reason": "no"},  # reason too short
                {"measure_id": "X", "kind": "price_limit", "reason": "abnormal"},  # no price_limit
                {"measure_id": "X", "kind": "halt", "reason": "abnormal", "price_limit": "0.2"},
                {"measure_id": "X", "kind": "price_limit", "reason": "abnormal", "price_limit": "1.5"},
                {"measure_id": "X", "kind": "halt", "reason": "abnormal", "product_id": "NOPE"}):
        response = await market.client.post("/market-measures", json=bad, headers=market.operator)
        assert response.status_code == 422, (bad, response.text)
    assert [m["measure_id"] for m in (await market.client.get("/market-measures", headers=market.operator)).json()
            ] == ["H-9"]


async def test_m29_agreement_confirmation_refused_during_a_halt_taken_after_it(market):
    buyer, seller = await setup(market)
    proposed = await market.client.post("/agreements", headers=market.member("B"), json={
        "agreement_id": "A-2", "trading_account_id": buyer, "counterparty_trading_account_id": seller,
        "side": "BUY", "product_id": PRODUCT, "price": "40.00", "quantity": 100})
    assert proposed.status_code == 201, proposed.text
    assert (await impose(market, "H-3", "halt", product_id=PRODUCT)).status_code == 201
    refused = await market.client.post("/agreements/A-2/confirmation", headers=market.member("S"))
    assert refused.status_code == 409 and refused.json()["article"] == "M-29"
    assert (await market.balances(seller))["units"] == (10_000, 0)  # nothing reserved for the refused confirmation
    assert (await lift(market, "H-3")).status_code == 200
    confirmed = await market.client.post("/agreements/A-2/confirmation", headers=market.member("S"))
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "CONFIRMED"
