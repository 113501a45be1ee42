"""Trading across five processes (M-16 ¶2, M-23, M-26, M-32): an entity short of allowances buys them on the
exchange from another entity, takes them to its holding account and surrenders them in the window, so no shortfall
case opens; the registry, the exchange and the settlement bank's statement all agree. Then the seller merges into
the buyer (M-10): its trading account — custody allowances, the sale's cash, an open offer — passes to the survivor
in the exchange and in the registry, and they still agree."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

import pytest

from ets_cli.client import PlatformClient, until
from ets_cli.sample_year import SampleEntity
from ets_cli.scenario import YearRun, at
from ets_client_allocation import models as a
from ets_client_allocation.api.exit_and_succession import decide_succession, file
from ets_client_allocation.api.obligations_and_surrender import obligation
from ets_client_allocation.api.registry_accounts_and_transfers import account, request_transfer, trading_accounts
from ets_client_enforcement.api.cases import get_case
from ets_client_exchange import models as x
from ets_client_exchange.api.reconciliation import bank_reconciliation, registry_reconciliation
from ets_client_exchange.api.trading import list_product, place
from ets_client_exchange.api.trading_accounts_and_funds import (
    account_orders, account_trades, balances, deposit, withdraw_allowances,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
Y = 2025
PRODUCT = "SHEA-2025"
SHORT = SampleEntity("1", "Songjiang Foundry", "industry", "emits more than it was allocated; buys the difference",
                     annual_emissions=60_000, previous_year=56_000, base_years=(50_000, 50_000, 50_000),
                     reported=60_000, verified=60_000)
LONG = SampleEntity("2", "Jiading Paper", "industry", "emits less than it was allocated; sells the surplus",
                    annual_emissions=70_000, previous_year=72_000, base_years=(85_000, 85_000, 85_000),
                    reported=70_000, verified=70_000)


async def holding(client: PlatformClient, account_id: str) -> int:
    held = await client.call(account.asyncio_detailed, account_id, role="authority")
    return sum(h.quantity for h in held.holdings if h.unit_type == "SHEA" and h.vintage == Y)


async def remaining(client: PlatformClient, entity_id: str) -> int:
    return (await client.call(obligation.asyncio_detailed, entity_id, Y, role="authority")).remaining


async def test_short_entity_buys_on_the_exchange_and_surrenders_no_shortfall(platform, client):
    year = YearRun(client, Y, "XT", log=lambda _: None, entities=(SHORT, LONG))
    buyer_id, seller_id = year.eid(SHORT), year.eid(LONG)
    buyer_member, seller_member = f"M-{buyer_id}", f"M-{seller_id}"
    buyer, seller = f"X-{buyer_member}", f"X-{seller_member}"

    await year.through_determination()

    owed = await remaining(client, buyer_id)
    short_by = owed - await holding(client, f"ACC-{buyer_id}")
    assert short_by > 0, "the buyer must be short of allowances for this test"
    surplus = await holding(client, f"ACC-{seller_id}") - await remaining(client, seller_id)
    assert surplus >= short_by

    # trading day: both entities are members with trading accounts the registry knows (M-22, M-26 ¶2)
    await client.tick_and_wait(at(date(Y + 1, 5, 20), 10))
    await until(lambda: _registry_knows(client, buyer, seller), what="the registry opening the trading accounts")
    await client.call(list_product.asyncio_detailed, body=x.ListProduct(
        product_id=PRODUCT, vintage=Y, reference_price="50.00"), role="exchange_operator")
    price, fee_rate = Decimal("51.00"), Decimal("0.0015")
    per_tonne = price + (price * fee_rate).quantize(Decimal("0.01"), rounding=ROUND_CEILING)  # what a bid reserves
    cash = per_tonne * short_by
    await client.call(deposit.asyncio_detailed, body=x.ConfirmDeposit(
        movement_id="BANK-XT-1", trading_account_id=buyer, amount=str(cash)), role="settlement_bank", party="BANK")
    await client.call(request_transfer.asyncio_detailed, body=a.RequestTransfer(
        from_account_id=f"ACC-{seller_id}", to_account_id=seller,
        lines=[a.TransferLine(unit_type=a.TransferLineUnitType.SHEA, vintage=Y, quantity=short_by)]),
        role="entity", party=seller_id)
    await until(lambda: _units(client, seller, (short_by, 0)), what="the exchange crediting the deposit")

    await client.call(place.asyncio_detailed, body=x.PlaceOrder(
        trading_account_id=seller, product_id=PRODUCT, side=x.PlaceOrderSide.SELL, price=str(price),
        quantity=short_by), role="member", party=seller_member)
    bought = await client.call(place.asyncio_detailed, body=x.PlaceOrder(
        trading_account_id=buyer, product_id=PRODUCT, side=x.PlaceOrderSide.BUY, price=str(price),
        quantity=short_by), role="member", party=buyer_member)
    assert bought.status == "FILLED" and isinstance(bought.trades, list) and len(bought.trades) == 1
    trade_id = bought.trades[0].trade_id
    await until(lambda: _units(client, buyer, (short_by, 0)), what="delivery in the registry and settlement")
    trades = await client.call(account_trades.asyncio_detailed, buyer, role="member", party=buyer_member)
    assert trades[0].trade_id == trade_id and trades[0].status == "SETTLED"

    # back to the holding account (M-26, M-32), then surrendered in the window (M-16 ¶2)
    await client.call(withdraw_allowances.asyncio_detailed, buyer, body=x.RequestAllowanceWithdrawal(
        instruction_id="WDR-XT-1", vintage=Y, quantity=short_by), role="member", party=buyer_member)
    await until(lambda: _units(client, buyer, (0, 0)), what="the withdrawal registered")
    assert await holding(client, f"ACC-{buyer_id}") == owed
    await year.tick(date(Y + 1, 6, 10))
    await year.surrender_of(SHORT, None)
    await year.surrender_of(LONG, None)
    await year.tick(date(Y + 1, 7, 1), hour=0)
    settled = await client.call(obligation.asyncio_detailed, buyer_id, Y, role="authority")
    assert settled.status == "settled" and settled.shortfall_detected_at is None, settled
    no_case = await client.call(get_case.asyncio_detailed, f"CASE-M39-{buyer_id}-{Y}", role="enforcement_officer",
                                expect=(200, 404))
    assert no_case is None  # 404: no shortfall case opened

    # registry, exchange and bank agree
    registry = await client.call(registry_reconciliation.asyncio_detailed, role="exchange_operator")
    assert registry.agreed and registry.in_flight == [], registry
    turnover = price * short_by
    fee = (turnover * fee_rate).quantize(Decimal("0.01"))
    reserve = (2 * fee * Decimal("0.2")).quantize(Decimal("0.01"))
    balances_then = [x.BankBalanceLine(account_id=buyer, balance=str(cash - turnover - fee)),
                     x.BankBalanceLine(account_id=seller, balance=str(turnover - fee)),
                     x.BankBalanceLine(account_id="EXCHANGE-FEES", balance=str(2 * fee - reserve)),
                     x.BankBalanceLine(account_id="EXCHANGE-RISK-RESERVE", balance=str(reserve))]
    statement = x.BankStatement(statement_date=date(Y + 1, 5, 20), movements=[x.BankMovementLine(
        movement_id="BANK-XT-1", account_id=buyer, kind=x.BankMovementLineKind.DEPOSIT, amount=str(cash))],
        balances=balances_then)
    bank = await client.call(bank_reconciliation.asyncio_detailed, body=statement, role="settlement_bank",
                             party="BANK")
    assert bank.agreed, bank
    await _seller_merges_into_buyer(client, year, balances_then)


async def _seller_merges_into_buyer(client: PlatformClient, year: YearRun, balances_then: list[x.BankBalanceLine]
                                    ) -> None:
    """M-10: the seller commits 2,000 t more to trading, offers 500 t, and merges into the buyer."""
    buyer_id, seller_id = year.eid(SHORT), year.eid(LONG)
    buyer, seller, day = f"X-M-{buyer_id}", f"X-M-{seller_id}", date(Y + 1, 7, 2)
    await year.tick(day, hour=10)
    await client.call(request_transfer.asyncio_detailed, body=a.RequestTransfer(
        from_account_id=f"ACC-{seller_id}", to_account_id=seller,
        lines=[a.TransferLine(unit_type=a.TransferLineUnitType.SHEA, vintage=Y, quantity=2_000)]),
        role="entity", party=seller_id)
    await until(lambda: _units(client, seller, (2_000, 0)), what="the exchange crediting the deposit")
    offer = await client.call(place.asyncio_detailed, body=x.PlaceOrder(
        trading_account_id=seller, product_id=PRODUCT, side=x.PlaceOrderSide.SELL, price="55.00", quantity=500),
        role="member", party=f"M-{seller_id}")
    assert offer.status == "OPEN" and await _units(client, seller, (1_500, 500))
    cash = {a_id: await _cash(client, a_id) for a_id in (buyer, seller)}
    assert cash[seller] > 0
    filed = await client.call(file.asyncio_detailed, body=a.FileSuccession(
        kind=a.FileSuccessionKind.MERGER, predecessor_ids=[seller_id], successor_id=buyer_id, effective_on=day,
        statement=f"{LONG.name} merged into {SHORT.name} by absorption"), role="authority")
    await client.call(decide_succession.asyncio_detailed, filed.succession_id,
                      body=a.DecideSuccession(approve=True, reason="merger registered; documents in order"),
                      role="authority")

    await until(lambda: _units(client, buyer, (2_000, 0)), what="the exchange passing the custody to the survivor")
    assert await _units(client, seller, (0, 0))
    assert await _cash(client, seller) == 0
    assert await _cash(client, buyer) == cash[buyer] + cash[seller]
    orders = await client.call(account_orders.asyncio_detailed, seller, role="exchange_operator")
    assert [o.status for o in orders if o.order_id == offer.order_id] == ["CANCELLED"]
    await until(lambda: _registry_holds(client, {buyer: 2_000, seller: 0}), what="the registry's succession")
    registry = await client.call(registry_reconciliation.asyncio_detailed, role="exchange_operator")
    assert registry.agreed and registry.in_flight == [], registry
    merged = [x.BankBalanceLine(account_id=buyer, balance=str(cash[buyer] + cash[seller]))] + [
        b for b in balances_then if b.account_id not in (buyer, seller)]
    bank = await client.call(bank_reconciliation.asyncio_detailed, body=x.BankStatement(
        statement_date=day, movements=[], balances=merged), role="settlement_bank", party="BANK")
    assert bank.agreed, bank


async def _cash(client: PlatformClient, account_id: str) -> Decimal:
    return Decimal((await client.call(balances.asyncio_detailed, account_id, role="exchange_operator")).cash_available)


async def _registry_holds(client: PlatformClient, expected: dict[str, int]) -> bool:
    return all([await holding(client, account_id) == quantity for account_id, quantity in expected.items()])


async def _registry_knows(client: PlatformClient, *accounts: str) -> bool:
    listed = await client.call(trading_accounts.asyncio_detailed, limit=1000, role="exchange_operator")
    return set(accounts) <= {t.trading_account_id for t in listed}


async def _units(client: PlatformClient, account_id: str, expected: tuple[int, int]) -> bool:
    held = await client.call(balances.asyncio_detailed, account_id, role="exchange_operator")
    units = {u.vintage: (u.available, u.reserved) for u in held.allowances}
    return units.get(Y, (0, 0)) == expected
