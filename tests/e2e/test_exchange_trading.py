"""Trading across five processes (M-16 ¶2, M-23, M-26, M-32): an entity short of allowances buys them on the
exchange from another entity, takes them to its holding account and surrenders them in the window, so no shortfall
case opens; the registry, the exchange and the settlement bank's statement all agree. Then the seller merges into
the buyer (M-10): its trading account — custody allowances, the sale's cash, an open offer — passes to the survivor
in the exchange and in the registry, and they still agree."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

import pytest

from ets_cli.client import ApiError, until
from ets_cli.sample_year import SampleEntity
from ets_cli.scenario import YearRun, at

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
Y = 2025
PRODUCT = "SHEA-2025"
SHORT = SampleEntity("1", "Songjiang Foundry", "industry", "emits more than it was allocated; buys the difference",
                     annual_emissions=60_000, previous_year=56_000, base_years=(50_000, 50_000, 50_000),
                     reported=60_000, verified=60_000)
LONG = SampleEntity("2", "Jiading Paper", "industry", "emits less than it was allocated; sells the surplus",
                    annual_emissions=70_000, previous_year=72_000, base_years=(85_000, 85_000, 85_000),
                    reported=70_000, verified=70_000)


async def holding(client, account_id: str) -> int:
    account = await client.get("allocation", f"/registry/accounts/{account_id}", role="authority")
    return sum(h["quantity"] for h in account["holdings"] if h["unit_type"] == "SHEA" and h["vintage"] == Y)


async def exchange_balances(client, account: str) -> dict:
    return await client.get("exchange", f"/trading-accounts/{account}/balances", role="exchange_operator")


async def test_short_entity_buys_on_the_exchange_and_surrenders_no_shortfall(platform, client):
    year = YearRun(client, Y, "XT", log=lambda _: None, entities=(SHORT, LONG))
    buyer_id, seller_id = year.eid(SHORT), year.eid(LONG)
    buyer_member, seller_member = f"M-{buyer_id}", f"M-{seller_id}"
    buyer, seller = f"X-{buyer_member}", f"X-{seller_member}"

    await year.through_determination()

    obligation = await client.get("allocation", f"/entities/{buyer_id}/obligations/{Y}", role="authority")
    short_by = obligation["remaining"] - await holding(client, f"ACC-{buyer_id}")
    assert short_by > 0, "the buyer must be short of allowances for this test"
    surplus = await holding(client, f"ACC-{seller_id}") - (
        await client.get("allocation", f"/entities/{seller_id}/obligations/{Y}", role="authority"))["remaining"]
    assert surplus >= short_by

    # trading day: both entities are members with trading accounts the registry knows (M-22, M-26 ¶2)
    await client.tick_and_wait(at(date(Y + 1, 5, 20), 10))
    await until(lambda: _registry_knows(client, buyer, seller), what="the registry opening the trading accounts")
    await client.post("exchange", "/products", {"product_id": PRODUCT, "vintage": Y, "reference_price": "50.00"},
                      role="exchange_operator")
    price, fee_rate = Decimal("51.00"), Decimal("0.0015")
    per_tonne = price + (price * fee_rate).quantize(Decimal("0.01"), rounding=ROUND_CEILING)  # what a bid reserves
    cash = per_tonne * short_by
    await client.post("exchange", "/cash/deposits", {"movement_id": "BANK-XT-1", "trading_account_id": buyer,
                                                     "amount": str(cash)}, role="settlement_bank", party="BANK")
    await client.post("allocation", "/registry/transfers", {
        "from_account_id": f"ACC-{seller_id}", "to_account_id": seller,
        "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": short_by}]}, role="entity", party=seller_id)
    await until(lambda: _units(client, seller, (short_by, 0)), what="the exchange crediting the deposit")

    await client.post("exchange", "/orders", {"trading_account_id": seller, "product_id": PRODUCT, "side": "SELL",
                                              "price": str(price), "quantity": short_by},
                      role="member", party=seller_member)
    bought = await client.post("exchange", "/orders", {"trading_account_id": buyer, "product_id": PRODUCT,
                                                       "side": "BUY", "price": str(price), "quantity": short_by},
                               role="member", party=buyer_member)
    assert bought["status"] == "FILLED" and len(bought["trades"]) == 1
    trade_id = bought["trades"][0]["trade_id"]
    await until(lambda: _units(client, buyer, (short_by, 0)), what="delivery in the registry and settlement")
    trades = await client.get("exchange", f"/trading-accounts/{buyer}/trades", role="member", party=buyer_member)
    assert trades[0]["trade_id"] == trade_id and trades[0]["status"] == "SETTLED"

    # back to the holding account (M-26, M-32), then surrendered in the window (M-16 ¶2)
    await client.post("exchange", f"/trading-accounts/{buyer}/allowance-withdrawals",
                      {"instruction_id": "WDR-XT-1", "vintage": Y, "quantity": short_by},
                      role="member", party=buyer_member)
    await until(lambda: _units(client, buyer, (0, 0)), what="the withdrawal registered")
    assert await holding(client, f"ACC-{buyer_id}") == obligation["remaining"]
    await year.tick(date(Y + 1, 6, 10))
    await year.surrender_of(SHORT, None)
    await year.surrender_of(LONG, None)
    await year.tick(date(Y + 1, 7, 1), hour=0)
    settled = await client.get("allocation", f"/entities/{buyer_id}/obligations/{Y}", role="authority")
    assert settled["status"] == "settled" and settled["shortfall_detected_at"] is None, settled
    with pytest.raises(ApiError) as no_case:
        await client.get("enforcement", f"/cases/CASE-M39-{buyer_id}-{Y}", role="enforcement_officer")
    assert no_case.value.status == 404

    # registry, exchange and bank agree
    registry = await client.get("exchange", "/reconciliation/registry", role="exchange_operator")
    assert registry["agreed"] and registry["in_flight"] == [], registry
    turnover = price * short_by
    fee = (turnover * fee_rate).quantize(Decimal("0.01"))
    statement = {"statement_date": str(date(Y + 1, 5, 20)), "movements": [
        {"movement_id": "BANK-XT-1", "account_id": buyer, "kind": "deposit", "amount": str(cash)}],
        "balances": [{"account_id": buyer, "balance": str(cash - turnover - fee)},
                     {"account_id": seller, "balance": str(turnover - fee)},
                     {"account_id": "EXCHANGE-FEES", "balance": str(2 * fee - (2 * fee * Decimal("0.2")).quantize(
                         Decimal("0.01")))},
                     {"account_id": "EXCHANGE-RISK-RESERVE",
                      "balance": str((2 * fee * Decimal("0.2")).quantize(Decimal("0.01")))}]}
    bank = await client.post("exchange", "/cash/reconciliations", statement, role="settlement_bank", party="BANK")
    assert bank["agreed"], bank
    await _seller_merges_into_buyer(client, year, statement["balances"])


async def _seller_merges_into_buyer(client, year: YearRun, balances: list[dict]) -> None:
    """M-10: the seller commits 2,000 t more to trading, offers 500 t, and merges into the buyer."""
    buyer_id, seller_id = year.eid(SHORT), year.eid(LONG)
    buyer, seller, day = f"X-M-{buyer_id}", f"X-M-{seller_id}", date(Y + 1, 7, 2)
    await year.tick(day, hour=10)
    await client.post("allocation", "/registry/transfers", {
        "from_account_id": f"ACC-{seller_id}", "to_account_id": seller,
        "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": 2_000}]}, role="entity", party=seller_id)
    await until(lambda: _units(client, seller, (2_000, 0)), what="the exchange crediting the deposit")
    offer = await client.post("exchange", "/orders", {"trading_account_id": seller, "product_id": PRODUCT,
                                                      "side": "SELL", "price": "55.00", "quantity": 500},
                              role="member", party=f"M-{seller_id}")
    assert offer["status"] == "OPEN" and await _units(client, seller, (1_500, 500))
    cash = {a: Decimal((await exchange_balances(client, a))["cash_available"]) for a in (buyer, seller)}
    assert cash[seller] > 0
    filed = await client.post("allocation", "/successions", {
        "kind": "merger", "predecessor_ids": [seller_id], "successor_id": buyer_id, "effective_on": str(day),
        "statement": f"{LONG.name} merged into {SHORT.name} by absorption"}, role="authority")
    await client.post("allocation", f"/successions/{filed['succession_id']}/decision",
                      {"approve": True, "reason": "merger registered; documents in order"}, role="authority")

    await until(lambda: _units(client, buyer, (2_000, 0)), what="the exchange passing the custody to the survivor")
    assert await _units(client, seller, (0, 0))
    assert (await exchange_balances(client, seller))["cash_available"] == "0.00"
    assert Decimal((await exchange_balances(client, buyer))["cash_available"]) == cash[buyer] + cash[seller]
    orders = await client.get("exchange", f"/trading-accounts/{seller}/orders", role="exchange_operator")
    assert [o["status"] for o in orders if o["order_id"] == offer["order_id"]] == ["CANCELLED"]
    await until(lambda: _registry_holds(client, {buyer: 2_000, seller: 0}), what="the registry's succession")
    registry = await client.get("exchange", "/reconciliation/registry", role="exchange_operator")
    assert registry["agreed"] and registry["in_flight"] == [], registry
    merged = [{"account_id": buyer, "balance": str(cash[buyer] + cash[seller])}] + [
        b for b in balances if b["account_id"] not in (buyer, seller)]
    bank = await client.post("exchange", "/cash/reconciliations", {
        "statement_date": str(day), "movements": [], "balances": merged}, role="settlement_bank", party="BANK")
    assert bank["agreed"], bank


async def _registry_holds(client, expected: dict[str, int]) -> bool:
    return all([await holding(client, account) == quantity for account, quantity in expected.items()])


async def _registry_knows(client, *accounts: str) -> bool:
    listed = await client.get("allocation", "/registry/trading-accounts", role="exchange_operator",
                              params={"limit": 1000})
    return set(accounts) <= {a["trading_account_id"] for a in listed}


async def _units(client, account: str, expected: tuple[int, int]) -> bool:
    units = {u["vintage"]: (u["available"], u["reserved"]) for u in (await exchange_balances(client, account))[
        "allowances"]}
    return units.get(Y, (0, 0)) == expected
