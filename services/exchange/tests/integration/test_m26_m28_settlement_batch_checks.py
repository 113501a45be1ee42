"""M-27, M-28(2) within one consumed batch of delivery answers, on SQLite and PostgreSQL: the large-holder states
are read and written as table rows (`risk.check_large_holders`: a new state inserted, a changed one updated, a
state the session holds as an object read afresh; an upward crossing reported once, falling below re-arms it) and
the fee check prices each execution instant, mode and turnover once for the batch (`filings.fees_outside_schedule`:
of two trades alike only the one charging other fees is a finding); the batch's net balance changes open a
balance they do not find and never take one below zero (`Ledger.write_pending`)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, update

from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.orm import LargeHolderRow, TradeRow
from exchange.domain.policy import to_yuan
from exchange.service_layer import commands, order_entry
from exchange.service_layer.settlement import on_transfer_refused, on_transfer_registered

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import CASH, NOW, UNITS, Exchange


def deposit(market: Exchange, trader: str, quantity: int) -> None:
    market.event(on_transfer_registered, RegistryTransferRegistered(
        transaction_id=f"TX-more-{trader}", purpose="exchange_deposit", from_account_id=f"H-{trader}",
        from_holder_id=trader, to_account_id=f"X-{trader}", to_holder_id=trader,
        lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=quantity)], registered_at=NOW))


def trade(market: Exchange, seller: str, buyer: str, quantity: int) -> TradeRow:
    order_entry.place_order(seller, commands.PlaceOrder(trading_account_id=f"X-{seller}", product_id="P",
                                                        side="SELL", price="40.00", quantity=quantity), market.uow())
    _, (made,) = order_entry.place_order(buyer, commands.PlaceOrder(
        trading_account_id=f"X-{buyer}", product_id="P", side="BUY", price="40.00", quantity=quantity), market.uow())
    (row,) = market.rows(TradeRow, TradeRow.trade_id == made.trade_id)
    return row


def delivered(row: TradeRow) -> RegistryTransferRegistered:
    return RegistryTransferRegistered(transaction_id=f"RT-{row.trade_id}", purpose="trade_delivery",
                                      reference=row.trade_id, from_account_id="H-S", from_holder_id="S",
                                      to_account_id="H-B", to_holder_id="B", registered_at=NOW,
                                      lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=row.quantity)])


def answer_batch(market: Exchange, answers: list, held: str | None = None) -> None:
    """The answers applied as the consumer applies a batch: one transaction; `held`: an account whose large-holder
    state the transaction loaded as an object first."""
    with market.uow() as uow:
        state = uow.session.get(LargeHolderRow, held) if held else None
        for answer in answers:
            (on_transfer_registered if isinstance(answer, RegistryTransferRegistered) else on_transfer_refused)(
                answer, uow)
        uow.commit()
        if state is not None:  # read afresh: what the batch wrote, not what the object was loaded with
            assert (state.at_or_above, state.holding, state.reports) == (True, UNITS + 480_005, 1)


def published(market: Exchange, subject: str) -> list[dict]:
    with market.factory() as session:
        return [json.loads(m.payload)["data"] for m in session.execute(
            select(OutboxMessage).where(OutboxMessage.subject.like(f"%{subject}%")).order_by(OutboxMessage.seq))
            .scalars()]


def states(market: Exchange) -> dict[str, tuple[bool, int, int, bool]]:
    return {r.trading_account_id: (r.at_or_above, r.holding, r.reports, r.reported_at is not None)
            for r in market.rows(LargeHolderRow)}


def test_m26_m28_a_batch_reports_large_holders_once_and_checks_each_trades_fees(exchange):  # noqa: F811 - the fixture
    deposit(exchange, "A", 480_000)  # A holds 500,000 t: reported on the deposit
    deposit(exchange, "B", 479_990)  # B holds 499,990 t: not yet
    first = [trade(exchange, "A", "B", 15), trade(exchange, "A", "C", 10), trade(exchange, "A", "C", 10),
             trade(exchange, "A", "D", 5)]
    with exchange.factory() as session:  # C's state is not there yet (inserted by the batch); C's second trade
        session.execute(delete(LargeHolderRow).where(LargeHolderRow.trading_account_id == "X-C"))  # charged 1 fen
        session.execute(update(TradeRow).where(TradeRow.trade_id == first[2].trade_id)
                        .values(buyer_fee_cents=TradeRow.buyer_fee_cents + 1))
        session.commit()

    answer_batch(exchange, [delivered(first[0]), delivered(first[1]), delivered(first[2]),
                            RegistryTransferRefused(purpose="trade_delivery", reference=first[3].trade_id,
                                                    reason="too few", refused_at=NOW)], held="X-B")
    assert states(exchange) == {  # only the buyers of the settled trades are checked (A sold: as at its deposit)
        "X-A": (True, UNITS + 480_000, 1, True), "X-B": (True, UNITS + 480_005, 1, True),
        "X-C": (False, UNITS + 20, 0, False), "X-D": (False, UNITS, 0, False)}
    reported = published(exchange, "large-holder")
    assert [(r["trading_account_id"], r["holding"], r["beyond_allocation"]) for r in reported] == [
        ("X-A", UNITS + 480_000, UNITS + 480_000), ("X-B", UNITS + 480_005, UNITS + 480_005)]
    (finding,) = published(exchange, "fees.outside-schedule")
    fee = first[1].buyer_fee_cents  # the same trade, charged by the schedule
    assert (finding["trade_id"], finding["buyer_fee"], finding["schedule_buyer_fee"]) == (
        first[2].trade_id, str(to_yuan(fee + 1)), str(to_yuan(fee)))

    # A buys back below the threshold (re-armed), then across it again in the next batch: reported a second time
    answer_batch(exchange, [delivered(trade(exchange, "B", "A", 10))])
    assert states(exchange)["X-A"] == (False, UNITS + 480_000 - 25, 1, True)
    answer_batch(exchange, [delivered(trade(exchange, "C", "A", 20)), delivered(trade(exchange, "D", "A", 5))])
    assert states(exchange)["X-A"] == (True, UNITS + 480_000, 2, True)
    assert [r["holding"] for r in published(exchange, "large-holder") if r["trading_account_id"] == "X-A"] == [
        UNITS + 480_000, UNITS + 480_000]


def test_m26_a_batchs_net_changes_open_missing_balances_and_never_go_below_zero(exchange):  # noqa: F811 - the fixture
    """`Ledger.write_pending`: the balances a batch changes are updated in one statement per table; a balance it did
    not find is opened then (the fee account's first fee, a first vintage) — and no balance goes below zero, an
    existing one or one just opened: the whole transaction fails."""
    with exchange.uow() as uow:
        uow.ledger.cash_later("X-A", available=-100, reserved=100)
        uow.ledger.cash_later("EXCHANGE-FEES", available=7)  # no row yet
        uow.ledger.allowances_later("X-A", 2025, available=-3, reserved=3)
        uow.ledger.allowances_later("X-B", 2030, available=5)  # no 2030 row yet
        uow.commit()

    def balances() -> tuple:
        with exchange.uow() as uow:
            return (uow.ledger.cash("X-A"), uow.ledger.cash("X-B"), uow.ledger.cash("EXCHANGE-FEES"),
                    uow.ledger.allowances("X-A", 2025), uow.ledger.allowances("X-B", 2030),
                    uow.ledger.allowances("X-C", 2031))
    after = balances()
    assert after == ((CASH * 100 - 100, 100), (CASH * 100, 0), (7, 0), (UNITS - 3, 3), (5, 0), (0, 0))
    for account, vintage, available, reserved in (("X-B", None, 0, -1), ("X-A", None, 0, -101),
                                                  ("X-C", 2031, -1, 0), ("X-A", 2025, 0, -4)):
        with pytest.raises(RuntimeError, match="would go negative"), exchange.uow() as uow:
            uow.ledger.cash_later("X-D", available=1)  # fine on its own: undone with the rest
            if vintage is None:
                uow.ledger.cash_later(account, available=available, reserved=reserved)
            else:
                uow.ledger.allowances_later(account, vintage, available=available, reserved=reserved)
            uow.commit()
        assert balances() == after
