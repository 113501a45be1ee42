"""M-28(2) large-holder reports (大户报告) and M-28(3) risk warnings over a real nats-server and database: an account
whose holding beyond its allocation reaches the threshold is reported to the authority as an event (at the threshold
yes, one tonne below no; once per crossing); the desk's risk warnings are events; the authority reads them."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.contracts.exchange import LargeHolderReported, RiskWarningIssued
from ets_shared.envelope import MessageContext, wrap
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def set_threshold(market, threshold: int) -> None:
    r = await market.client.put("/policy/2026", params={"reason": "large-holder threshold for the test"},
                                json={"large_holder_report_t": threshold}, headers=market.svc.auth("authority"))
    assert r.status_code == 200, r.text


async def test_m28_large_holder_reported_at_the_threshold_not_one_tonne_below(market, nats_url):
    await market.at(2026, 5, 20, 10, 0)
    await set_threshold(market, 1000)
    below, at = await market.admit("BELOW"), await market.admit("AT")
    async with subject_listener(nats_url, LargeHolderReported.contract.subject) as reported:
        await market.deposit_allowances(below, 999)
        await market.deposit_allowances(at, 1000)
        await eventually(lambda: reported)
        await market.deposit_allowances(at, 5)  # still above: not reported again
        await market.deposit_allowances(below, 1)  # now exactly at the threshold
        await eventually(lambda: len(reported) == 2)
    assert [(r["data"]["trading_account_id"], r["data"]["holding"], r["data"]["beyond_allocation"])
            for r in reported] == [(at, 1000, 1000), (below, 1000, 1000)]
    assert reported[0]["data"]["threshold"] == 1000
    holders = await market.client.get("/large-holders", headers=market.svc.auth("authority"))
    assert [(h["trading_account_id"], h["reports"]) for h in holders.json()] == [(at, 1), (below, 1)]
    assert (await market.client.get("/large-holders", headers=market.member("AT"))).status_code == 403


async def test_m28_large_holder_reported_when_a_purchase_settles(market, nats_url):
    await market.at(2026, 5, 20, 10, 0)
    await set_threshold(market, 500)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances(seller, 400)  # the seller stays below
    await market.deposit_allowances(buyer, 100)
    async with subject_listener(nats_url, LargeHolderReported.contract.subject) as reported:
        await market.order("S", seller, "SELL", "40.00", 400)
        trade = (await market.order("B", buyer, "BUY", "40.00", 400)).json()["trades"][0]
        await market.delivered(trade)
        await eventually(lambda: reported)
    assert [(r["data"]["trading_account_id"], r["data"]["holding"]) for r in reported] == [(buyer, 500)]


async def test_m28_large_holders_among_several_buyers_settled_together_each_reported_once(market, nats_url):
    """The registry's delivery answers of several trades applied in one consumed batch: every buyer that reached the
    threshold is reported once, with its own holding; one that stays a tonne below is not."""
    await market.at(2026, 5, 20, 10, 0)
    await set_threshold(market, 500)
    await market.list_product("40.00")
    seller = await market.admit("S")
    await market.deposit_allowances(seller, 1500)
    buyers = {member: await market.admit(member) for member in ("B1", "B2", "B3")}
    bought = {"B1": 500, "B2": 600, "B3": 399}
    trades = []
    for member, account in buyers.items():
        await market.fund(account, "100000.00")
        await market.deposit_allowances(account, 100)
        await market.order("S", seller, "SELL", "40.00", bought[member])
        trades.append((await market.order(member, account, "BUY", "40.00", bought[member])).json()["trades"][0])
    async with subject_listener(nats_url, LargeHolderReported.contract.subject) as reported:
        answers = [wrap(RegistryTransferRegistered(
            transaction_id=t["trade_id"], purpose="trade_delivery", reference=t["trade_id"],
            from_account_id=t["seller_trading_account_id"], from_holder_id="S",
            to_account_id=t["buyer_trading_account_id"], to_holder_id="B",
            lines=[TransferLine(unit_type="SHEA", vintage=t["vintage"], quantity=t["quantity"])],
            registered_at=market.sh(2026, 5, 20, 10)), producer="allocation", context=MessageContext.new("test"))
            for t in trades]
        for envelope in answers:  # published back to back: the consumer takes them up together
            await market.js.publish(RegistryTransferRegistered.contract.subject, envelope.model_dump_json().encode(),
                                    headers={"Nats-Msg-Id": str(envelope.event_id)})
        for envelope in answers:
            await market.applied(envelope)
        await eventually(lambda: len(reported) == 2)
    assert sorted((r["data"]["trading_account_id"], r["data"]["holding"]) for r in reported) == [
        (buyers["B1"], 600), (buyers["B2"], 700)]
    holders = await market.client.get("/large-holders", headers=market.svc.auth("authority"))
    assert {h["trading_account_id"]: h["reports"] for h in holders.json()} == {
        seller: 1, buyers["B1"]: 1, buyers["B2"]: 1}  # the seller when its 1,500 t were deposited


async def test_m28_risk_warning_issued_by_the_desk_read_by_the_authority(market, nats_url):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    body = {"warning_id": "RW-1", "product_id": "SHEA-2025", "level": "severe",
            "message": "limit-up three days running"}
    async with subject_listener(nats_url, RiskWarningIssued.contract.subject) as warned:
        for role in ("authority", "member"):
            headers = market.svc.auth(role, party_id="B") if role == "member" else market.svc.auth(role)
            assert (await market.client.post("/risk-warnings", json=body, headers=headers)).status_code == 403
        assert (await market.client.post("/risk-warnings", json=body, headers=market.operator)).status_code == 201
        assert (await market.client.post("/risk-warnings", json=body, headers=market.operator)).status_code == 409
        bad = {**body, "warning_id": "RW-2", "level": "panic"}
        assert (await market.client.post("/risk-warnings", json=bad, headers=market.operator)).status_code == 422
        await eventually(lambda: warned)
    assert warned[0]["data"]["message"] == "limit-up three days running" and len(warned) == 1
    seen = await market.client.get("/risk-warnings", headers=market.svc.auth("authority"))
    assert [w["warning_id"] for w in seen.json()] == ["RW-1"]
