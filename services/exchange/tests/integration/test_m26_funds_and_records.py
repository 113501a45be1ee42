"""M-26 funds and allowances in and out of trading, the bank's daily reconciliation, the registry reconciliation
(M-32), and trade records each participant alone sees — over a real nats-server and database."""
from __future__ import annotations

import json

import pytest

from ets_shared.contracts.allocation import (
    TRADING_BALANCES_SUBJECT, RegistryTransferRefused, RegistryTransferRegistered, TradingBalance,
    TradingBalancesReply, TransferLine,
)
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def test_m26_only_the_settlement_bank_confirms_deposits_and_pays_withdrawals(market):
    await market.at(2026, 5, 20, 10, 0)
    account = await market.admit("B")
    body = {"movement_id": "BANK-1", "trading_account_id": account, "amount": "1000.50"}
    for role in (market.member("B"), market.operator):
        assert (await market.client.post("/cash/deposits", json=body, headers=role)).status_code == 403
    assert (await market.client.post("/cash/deposits", json={**body, "amount": 1000.5},
                                     headers=market.bank)).status_code == 422  # a float is not an exact amount
    assert (await market.client.post("/cash/deposits", json=body, headers=market.bank)).status_code == 201
    assert (await market.client.post("/cash/deposits", json=body, headers=market.bank)).status_code == 409
    over = await market.client.post(f"/trading-accounts/{account}/cash-withdrawals",
                                    json={"movement_id": "WD-1", "amount": "1000.51"}, headers=market.member("B"))
    assert over.status_code == 422 and over.json()["invalid_params"][0]["name"] == "amount"
    asked = await market.client.post(f"/trading-accounts/{account}/cash-withdrawals",
                                     json={"movement_id": "WD-1", "amount": "400.00"}, headers=market.member("B"))
    assert asked.status_code == 201 and (await market.balances(account))["cash"] == ("600.50", "400.00")
    assert (await market.client.post("/cash/withdrawals/WD-1/decision", json={"paid": True},
                                     headers=market.member("B"))).status_code == 403
    paid = await market.client.post("/cash/withdrawals/WD-1/decision", json={"paid": True}, headers=market.bank)
    assert paid.json()["status"] == "PAID" and (await market.balances(account))["cash"] == ("600.50", "0.00")


async def test_m26_bank_reconciliation_lists_every_difference(market):
    await market.at(2026, 5, 20, 10, 0)
    a, b = await market.admit("A"), await market.admit("B")
    await market.fund(a, "1000.00")  # BANK-1
    await market.fund(b, "500.00")  # BANK-2
    statement = {"statement_date": "2026-05-20",
                 "balances": [{"account_id": a, "balance": "1000.00"}, {"account_id": b, "balance": "400.00"},
                              {"account_id": "X-UNKNOWN", "balance": "1.00"}],
                 "movements": [{"movement_id": "BANK-1", "account_id": a, "kind": "deposit", "amount": "1000.00"},
                               {"movement_id": "BANK-9", "account_id": a, "kind": "deposit", "amount": "5.00"}]}
    report = (await market.client.post("/cash/reconciliations", json=statement, headers=market.bank)).json()
    assert not report["agreed"]
    assert sorted((d["kind"], d["account_id"], d.get("reference")) for d in report["differences"]) == [
        ("balance", "X-B", None), ("balance", "X-UNKNOWN", None),
        ("movement_missing_at_bank", "X-B", "BANK-2"), ("movement_missing_at_exchange", "X-A", "BANK-9")]
    agreeing = {"statement_date": "2026-05-20",
                "balances": [{"account_id": a, "balance": "1000.00"}, {"account_id": b, "balance": "500.00"}],
                "movements": [{"movement_id": "BANK-1", "account_id": a, "kind": "deposit", "amount": "1000.00"},
                              {"movement_id": "BANK-2", "account_id": b, "kind": "deposit", "amount": "500.00"}]}
    assert (await market.client.post("/cash/reconciliations", json=agreeing, headers=market.bank)).json()["agreed"]
    assert (await market.client.post("/cash/reconciliations", json=agreeing,
                                     headers=market.member("A"))).status_code == 403


async def test_m32_allowances_withdrawn_to_the_registry_or_back_when_refused(market, nats_url):
    await market.at(2026, 5, 20, 10, 0)
    account = await market.admit("S")
    await market.deposit_allowances(account, 1000)
    async with subject_listener(nats_url, AllowanceWithdrawalRequested.contract.subject) as asked:
        for n in (1, 2):
            r = await market.client.post(f"/trading-accounts/{account}/allowance-withdrawals",
                                         json={"instruction_id": f"W{n}", "vintage": market.vintage, "quantity": 400},
                                         headers=market.member("S"))
            assert r.status_code == 201
        too_many = await market.client.post(f"/trading-accounts/{account}/allowance-withdrawals",
                                            json={"instruction_id": "W3", "vintage": market.vintage, "quantity": 201},
                                            headers=market.member("S"))
        assert too_many.status_code == 422
        await eventually(lambda: len(asked) == 2)
    assert (await market.balances(account))["units"] == (200, 800)
    await market.send(RegistryTransferRegistered(
        transaction_id="W1", purpose="exchange_withdrawal", reference="W1", from_account_id=account,
        from_holder_id="S", to_account_id="ACC-S", to_holder_id="S",
        lines=[TransferLine(unit_type="SHEA", vintage=market.vintage, quantity=400)],
        registered_at=market.sh(2026, 5, 20, 10)))
    await market.send(RegistryTransferRefused(purpose="exchange_withdrawal", reference="W2", reason="frozen",
                                              refused_at=market.sh(2026, 5, 20, 10)))
    assert (await market.balances(account))["units"] == (600, 0)
    listed = (await market.client.get(f"/trading-accounts/{account}/allowance-withdrawals",
                                      headers=market.member("S"))).json()
    assert [(w["instruction_id"], w["status"]) for w in listed] == [("W1", "DONE"), ("W2", "REFUSED")]


async def test_m32_registry_reconciliation_lists_every_difference_and_what_is_in_flight(market, nats_url):
    import nats

    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances(seller, 1000)
    await market.order("S", seller, "SELL", "40.00", 100)
    await market.order("B", buyer, "BUY", "40.00", 100)  # matched, not yet delivered
    registry = await nats.connect(nats_url)  # plays the registry's trading-balances responder

    async def answer(msg) -> None:
        assert json.loads(msg.data) == {"account_ids": None}
        reply = TradingBalancesReply(as_of=market.sh(2026, 5, 20, 10, 1), balances=[
            TradingBalance(account_id=seller, holder_id="S", vintage=market.vintage, quantity=990),
            TradingBalance(account_id="X-GHOST", holder_id="G", vintage=market.vintage, quantity=5)])
        await msg.respond(reply.model_dump_json().encode())

    await registry.subscribe(TRADING_BALANCES_SUBJECT, cb=answer)
    response = await market.client.get("/reconciliation/registry", headers=market.operator)
    report = response.json()
    assert response.status_code == 200, report
    await registry.drain()
    assert [(d["account_id"], d["exchange"], d["other"]) for d in report["differences"]] == [
        ("X-GHOST", "0", "5"), (seller, "1000", "990")]
    assert len(report["in_flight"]) == 1 and report["in_flight"][0].startswith("trade TRD-")
    assert (await market.client.get("/reconciliation/registry", headers=market.member("B"))).status_code == 403


async def test_m26_each_participant_sees_only_its_own_records_paged_by_date(market):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances(seller, 1000)
    for price in ("39.00", "39.50", "40.00"):
        await market.order("B", buyer, "BUY", price, 10)
    await market.at(2026, 5, 21, 10, 0)
    await market.order("B", buyer, "BUY", "40.00", 10)
    mine = market.member("B")
    for path in ("orders", "trades", "statement", "balances", "cash-movements", "allowance-withdrawals"):
        assert (await market.client.get(f"/trading-accounts/{buyer}/{path}",
                                        headers=market.member("S"))).status_code == 403, path
        assert (await market.client.get(f"/trading-accounts/{buyer}/{path}", headers=mine)).status_code == 200
    first_day = await market.client.get(f"/trading-accounts/{buyer}/orders", headers=mine,
                                        params={"start": "2026-05-20T00:00:00+08:00",
                                                "end": "2026-05-21T00:00:00+08:00", "limit": 2})
    assert [o["price"] for o in first_day.json()] == ["39.00", "39.50"]
    second_page = await market.client.get(f"/trading-accounts/{buyer}/orders", headers=mine,
                                          params={"start": "2026-05-20T00:00:00+08:00",
                                                  "end": "2026-05-21T00:00:00+08:00", "offset": 2})
    assert [(o["price"], o["status"]) for o in second_page.json()] == [("40.00", "EXPIRED")]  # a day order
    assert (await market.client.get(f"/trading-accounts/{buyer}/orders", headers=mine,
                                    params={"limit": 1001})).status_code == 422
    order_id = second_page.json()[0]["order_id"]
    assert (await market.client.get(f"/orders/{order_id}", headers=market.member("S"))).status_code == 403
    assert (await market.client.post(f"/orders/{order_id}/cancellation",
                                     headers=market.member("S"))).status_code == 403


async def test_identifiers_in_paths_are_bounded(market):
    long_id = "X" * 81
    for method, path, who in (("get", f"/trading-accounts/{long_id}/balances", market.operator),
                              ("get", f"/orders/{'O' * 65}", market.operator),
                              ("post", f"/orders/{'O' * 65}/cancellation", market.member("B")),
                              ("get", f"/products/{'P' * 33}/book", market.operator)):
        r = await getattr(market.client, method)(path, headers=who)
        assert r.status_code == 422, (path, r.status_code)
