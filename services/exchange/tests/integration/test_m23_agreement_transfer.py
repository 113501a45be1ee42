"""M-23 agreement transfer and its M-28(1) band over a real nats-server and database: proposed by one named party,
confirmed by the other, +-30 % of the previous close unless at or above 500,000 t; same reservations and settlement."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"


async def parties(market) -> tuple[str, str]:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")  # band 28.00 - 52.00
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000000.00")
    await market.deposit_allowances(seller, 600_000)
    return buyer, seller


def proposal(agreement_id: str, price: str, quantity: int) -> dict:
    return {"agreement_id": agreement_id, "trading_account_id": "X-S", "counterparty_trading_account_id": "X-B",
            "side": "SELL", "product_id": PRODUCT, "price": price, "quantity": quantity}


async def test_m28_agreement_band_30pct_at_the_boundary_accepted_one_tick_beyond_refused(market):
    await parties(market)
    seller = market.member("S")
    for n, (price, ok) in enumerate((("52.00", True), ("52.01", False), ("28.00", True), ("27.99", False))):
        r = await market.client.post("/agreements", json=proposal(f"A{n}", price, 1000), headers=seller)
        assert (r.status_code == 201) is ok, (price, r.text)
        if not ok:
            assert r.json()["article"] == "M-28"


async def test_m28_size_exemption_at_500000_t_both_sides_of_the_threshold(market):
    await parties(market)
    seller = market.member("S")
    below = await market.client.post("/agreements", json=proposal("BELOW", "60.00", 499_999), headers=seller)
    assert below.status_code == 422 and below.json()["article"] == "M-28"
    at = await market.client.post("/agreements", json=proposal("AT", "60.00", 500_000), headers=seller)
    assert at.status_code == 201, at.text


async def test_m23_agreement_proposed_by_one_confirmed_by_the_other_then_settles(market):
    await parties(market)
    made = await market.client.post("/agreements", json=proposal("A1", "45.00", 100_000), headers=market.member("S"))
    assert made.status_code == 201
    assert (await market.balances("X-S"))["units"] == (500_000, 100_000)  # the proposer's leg is reserved
    by_proposer = await market.client.post("/agreements/A1/confirmation", headers=market.member("S"))
    assert by_proposer.status_code == 403  # only the named counterparty confirms
    confirmed = await market.client.post("/agreements/A1/confirmation", headers=market.member("B"))
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "CONFIRMED"
    trade = (await market.client.get("/trading-accounts/X-B/trades", headers=market.member("B"))).json()[0]
    assert (trade["mode"], trade["buyer_fee"]) == ("agreement", "4500.00")  # 0.10 % of 4,500,000
    await market.delivered(trade)
    assert (await market.balances("X-B"))["units"] == (100_000, 0)
    assert (await market.balances("X-S"))["cash"] == ("4495500.00", "0.00")


async def test_m23_agreement_declined_releases_and_uncovered_counterparty_changes_nothing(market):
    await parties(market)
    await market.client.post("/agreements", json={**proposal("A1", "45.00", 100_000), "side": "BUY",
                                                  "trading_account_id": "X-B",
                                                  "counterparty_trading_account_id": "X-S"},
                             headers=market.member("B"))
    short = await market.client.post("/agreements", json=proposal("A2", "45.00", 700_000), headers=market.member("S"))
    assert short.status_code == 422 and "short sale" in short.json()["detail"]
    poor = await market.admit("P")
    await market.client.post("/agreements", json={**proposal("A3", "45.00", 1000), "counterparty_trading_account_id":
                                                  poor}, headers=market.member("S"))
    uncovered = await market.client.post("/agreements/A3/confirmation", headers=market.member("P"))
    assert uncovered.status_code == 422 and "overdraft" in uncovered.json()["detail"]
    assert (await market.balances("X-S"))["units"] == (599_000, 1000)  # still reserved for the proposal
    declined = await market.client.post("/agreements/A1/decline", headers=market.member("S"))
    assert declined.json()["status"] == "DECLINED"
    assert (await market.balances("X-B"))["cash"] == ("100000000.00", "0.00")


async def test_m23_a_proposal_is_good_for_its_trading_day_then_expires_and_releases(market):
    await parties(market)
    await market.client.post("/agreements", json=proposal("A1", "45.00", 1000), headers=market.member("S"))
    await market.at(2026, 5, 21, 10, 0)
    late = await market.client.post("/agreements/A1/confirmation", headers=market.member("B"))
    assert late.status_code == 409 and "expired" in late.json()["detail"]
    assert (await market.balances("X-S"))["units"] == (599_000, 1000)
    await market.order("B", "X-B", "BUY", "40.00", 1)  # the day's first command expires the earlier day's business
    assert (await market.balances("X-S"))["units"] == (600_000, 0)
