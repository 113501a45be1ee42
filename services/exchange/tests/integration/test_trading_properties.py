"""Properties of trading over random order streams (hypothesis), through the exchange's use cases on a real database:
- no trade crosses the day's price limit band (M-28(1)) and the book is never crossed after matching (M-23);
- settlement conserves cash and allowances over all accounts: what the participants lose in fees is exactly what
  the fee account and the risk reserve fund gain (M-26, M-27, M-28(4)), whichever trades the registry refuses;
- every balance equals what the records explain (statement lines, open orders, unsettled trades), and the books
  rebuilt from the recorded open orders are identical to the live ones (recovery after a crash)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import delete, func, select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from exchange.adapters.books import rebuild, resting
from exchange.adapters.ledger import FEE_ACCOUNT, RISK_RESERVE_ACCOUNT
from exchange.adapters.orm import (
    AllowancePositionRow, CashBalanceRow, ExchangeTable, LedgerEntryRow, OrderRow, TradeRow,
)
from exchange.bootstrap import definition
from exchange.entrypoints.order_entry_bench import open_market
from exchange.service_layer import commands, order_entry, orders
from exchange.service_layer.settlement import on_transfer_refused, on_transfer_registered
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)
TRADERS = ("A", "B", "C", "D")
CASH = 2_000_000  # yuan each
UNITS = 20_000  # t each


@pytest.fixture(scope="module")
def exchange_db(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("props")) / "exchange.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, definition().migrations, ExchangeTable.metadata)
    yield engine, make_session_factory(engine)
    engine.dispose()


class Exchange:
    def __init__(self, engine, factory) -> None:
        self.factory = factory
        with factory() as session:
            for table in reversed(ExchangeTable.metadata.sorted_tables):
                session.execute(delete(table))
            session.commit()
        open_market(self.uow, NOW, TRADERS, cash=f"{CASH}.00", allowances=UNITS)  # the books forgotten too

    def uow(self) -> ExchangeUnitOfWork:
        return ExchangeUnitOfWork(self.factory, producer="exchange", context=MessageContext.new("test"))

    def event(self, handler, event) -> None:
        with self.uow() as uow:
            handler(event, uow)
            uow.commit()

    def rows(self, row_type, *where):
        with self.factory() as session:
            return list(session.execute(select(row_type).where(*where)).scalars())


order_stream = st.lists(st.tuples(st.sampled_from(TRADERS), st.sampled_from(["BUY", "SELL"]),
                                  st.integers(3500, 4500), st.integers(1, 3000), st.sampled_from(["GTC", "IOC"]),
                                  st.sampled_from(["none", "cancel", "amend"])), min_size=1, max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=order_stream, refusals=st.sets(st.integers(0, 60), max_size=10), batched=st.booleans())
def test_m23_m26_random_order_streams_conserve_and_replay(exchange_db, stream, refusals, batched):
    """`batched`: the registry's answers arrive as one consumed batch (one transaction, settled set-based), each
    answer followed by a contradicting second answer for the same trade, which must change nothing."""
    x = Exchange(*exchange_db)
    for trader, side, price, quantity, tif, then in stream:
        cmd = commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side,
                                  price=f"{price / 100:.2f}", quantity=quantity, time_in_force=tif)
        try:
            order, _trades = order_entry.place_order(trader, cmd, x.uow())
            if then == "cancel" and order.status == "OPEN":
                orders.cancel_order(trader, order.order_id, x.uow())
            elif then == "amend" and order.status == "OPEN":
                orders.amend_order(trader, order.order_id, commands.AmendOrder(price=f"{(price + 5) / 100:.2f}",
                                                                               quantity=quantity), x.uow())
        except DomainError:
            pass  # refused by a rule (funds, limits): nothing changed, checked below
        with x.uow() as uow:
            book = uow.books.book(uow.session, "P")
            bid, ask = book.best_bid(), book.best_ask()
            assert bid is None or ask is None or bid < ask, "crossed book after matching"

    trades = x.rows(TradeRow)
    assert all(3600 <= t.price_cents <= 4400 for t in trades), "a trade outside +-10 % of the close 40.00"
    def refused(trade):
        return on_transfer_refused, RegistryTransferRefused(purpose="trade_delivery", reference=trade.trade_id,
                                                            reason="refused", refused_at=NOW)

    def registered(trade):
        return on_transfer_registered, RegistryTransferRegistered(
            transaction_id=trade.trade_id, purpose="trade_delivery", reference=trade.trade_id,
            from_account_id=trade.seller_account_id, from_holder_id="S", to_account_id=trade.buyer_account_id,
            to_holder_id="B", lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=trade.quantity)],
            registered_at=NOW)

    # the registry answers each delivery, refusing some
    answers = [(refused if n in refusals else registered)(trade) for n, trade in enumerate(trades)]
    if batched:
        with x.uow() as uow:
            for n, (handler, event) in enumerate(answers):
                for handler_, event_ in [(handler, event), (registered if n in refusals else refused)(trades[n])]:
                    uow.act_for(MessageContext.new("test"))
                    handler_(event_, uow)
            uow.commit()
    else:
        for handler, event in answers:
            x.event(handler, event)
    assert {t.trade_id: t.status for t in x.rows(TradeRow)} == {
        t.trade_id: "FAILED" if n in refusals else "SETTLED" for n, t in enumerate(trades)}, "settled unlike answered"

    cash = {r.account_id: (r.available_cents, r.reserved_cents) for r in x.rows(CashBalanceRow)}
    units = {r.account_id: (r.available, r.reserved) for r in x.rows(AllowancePositionRow)}
    assert sum(a + r for a, r in cash.values()) == CASH * 100 * len(TRADERS)
    assert sum(a + r for a, r in units.values()) == UNITS * len(TRADERS)
    settled = [t for t in x.rows(TradeRow) if t.status == "SETTLED"]
    fees = sum(t.buyer_fee_cents + t.seller_fee_cents for t in settled)
    assert sum(cash.get(a, (0, 0))[0] for a in (FEE_ACCOUNT, RISK_RESERVE_ACCOUNT)) == fees
    open_orders = x.rows(OrderRow, OrderRow.status == "OPEN")
    for trader in TRADERS:
        account = f"X-{trader}"
        with x.factory() as session:
            settled_cash = session.execute(select(func.coalesce(func.sum(LedgerEntryRow.cash_cents), 0))
                                           .where(LedgerEntryRow.account_id == account)).scalar()
        reserved = sum(o.remaining * o.reserve_per_t_cents for o in open_orders
                       if o.trading_account_id == account and o.side == "BUY")
        reserved_units = sum(o.remaining for o in open_orders if o.trading_account_id == account and o.side == "SELL")
        assert cash[account] == (settled_cash - reserved, reserved), "cash not explained by the records"
        assert units[account][1] == reserved_units, "reserved allowances not explained by the open offers"
    with x.uow() as uow:
        live = uow.books.snapshot(uow.session)
    assert resting(rebuild(open_orders)) == live


def _entered(x: Exchange, outcomes: list) -> tuple:
    """What a stream left behind, with order ids replaced by their time priority (ids are random)."""
    orders_ = x.rows(OrderRow)
    seq = {o.order_id: o.sequence for o in orders_}
    return (outcomes,
            sorted((o.sequence, o.trading_account_id, o.side, o.price_cents, o.quantity, o.remaining, o.filled,
                    o.status, o.reserve_per_t_cents) for o in orders_),
            sorted((t.print_sequence, seq[t.buy_order_id], seq[t.sell_order_id], t.price_cents, t.quantity,
                    t.buyer_account_id, t.seller_account_id, t.buyer_fee_cents, t.seller_fee_cents,
                    t.buyer_reserved_cents) for t in x.rows(TradeRow)),
            sorted((r.account_id, r.available_cents, r.reserved_cents) for r in x.rows(CashBalanceRow)),
            sorted((r.account_id, r.vintage, r.available, r.reserved) for r in x.rows(AllowancePositionRow)))


entry_stream = st.lists(st.tuples(st.sampled_from(TRADERS), st.sampled_from(["BUY", "SELL"]),
                                  st.integers(3500, 4500), st.integers(1, 30_000), st.sampled_from(["GTC", "IOC"])),
                        min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=entry_stream, cuts=st.sets(st.integers(1, 39), max_size=8))
def test_m23_m26_a_batch_enters_orders_exactly_as_one_by_one(exchange_db, stream, cuts):
    """Group commit changes nothing but the number of transactions: the same orders entered one per transaction
    and in batches (cut anywhere) are accepted or refused alike, trade alike and leave the same balances — also
    when an order is refused for funds or limits that an earlier order of its own batch used up."""
    entries = [(trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side,
                                            price=f"{price / 100:.2f}", quantity=quantity, time_in_force=tif))
               for trader, side, price, quantity, tif in stream]

    def outcome(result) -> str:
        return f"{type(result).__name__}:{result.field}" if isinstance(result, DomainError) else "accepted"

    x = Exchange(*exchange_db)
    one_by_one = []
    for trader, cmd in entries:
        try:
            order_entry.place_order(trader, cmd, x.uow())
            one_by_one.append("accepted")
        except DomainError as refused:
            one_by_one.append(outcome(refused))
    alone = _entered(x, one_by_one)

    x = Exchange(*exchange_db)
    bounds = [0, *sorted(c for c in cuts if c < len(entries)), len(entries)]
    batched = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        uow = x.uow()
        results = order_entry.place_orders(uow, [(t, c, uow.context) for t, c in entries[start:end]])
        batched += [outcome(r) for r in results]
    assert _entered(x, batched) == alone
