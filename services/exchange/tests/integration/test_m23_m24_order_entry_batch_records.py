"""M-23, M-24: what one batch of order entries writes in its multi-row statements is what its answers and events say —
every new order, every trade and every wash-trade alert of the batch, column for column, on SQLite and PostgreSQL
(several rows per table: PostgreSQL's multi-row path, one statement per table). M-25: every event of a batch is, byte
for byte, what its contract writes for the same data validated afresh (order entry makes them without a second
validation, `checked_events.event`)."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ets_shared.contracts.base import CATALOGUE
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.adapters.orm import CashBalanceRow, ExchangeTable, OrderRow, SurveillanceAlertRow, TradeRow
from exchange.bootstrap import definition
from exchange.service_layer import commands, order_entry

from .test_trading_properties import NOW, Exchange


@pytest.fixture
def exchange(database_url):
    engine = make_engine(database_url("exchange"))
    upgrade(engine, definition().migrations, ExchangeTable.metadata)
    yield Exchange(engine, make_session_factory(engine))  # members A-D, funded, with allowances; product P at 40.00
    engine.dispose()


def test_m23_m24_a_batch_writes_its_orders_trades_and_alerts_as_answered_and_published(exchange):
    uow = exchange.uow

    def order(trader: str, side: str, price: str, quantity: int) -> tuple[str, commands.PlaceOrder, MessageContext]:
        return trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                           quantity=quantity, time_in_force="GTC"), MessageContext.new("test")

    batch = [order("A", "SELL", "40.00", 10), order("A", "SELL", "40.01", 20),
             order("A", "BUY", "40.05", 50),  # its own two offers are cancelled by self-trade prevention: two alerts
             order("B", "SELL", "40.02", 5), order("B", "SELL", "40.03", 7),  # two trades with A's bid
             order("B", "SELL", "40.00", 30_000)]  # refused: B holds 20,000 t
    outcomes = order_entry.place_orders(uow(), batch)

    assert isinstance(outcomes[-1], DomainError)
    placed = [o for o in outcomes if not isinstance(o, DomainError)]
    orders = {o.order_id: o for o, _trades in placed}
    trades = [t for _order, ts in placed for t in ts]
    assert len(orders) == 5 and len(trades) == 2
    with exchange.factory() as session:
        rows = {r.order_id: OrderRecord(**{n: getattr(r, n) for n in OrderRecord.__slots__})
                for r in session.execute(select(OrderRow)).scalars()}
        assert rows == orders  # as answered (the offers cancelled, the bid filled in part), the times in UTC
        assert [TradeRecord(**{n: getattr(r, n) for n in TradeRecord.__slots__})
                for r in session.execute(select(TradeRow).order_by(TradeRow.print_sequence)).scalars()] == trades
        alerts = {r.alert_id: r.model_dump(mode="json")
                  for r in session.execute(select(SurveillanceAlertRow)).scalars()}
        published = [json.loads(m.payload)["data"] for m in session.execute(
            select(OutboxMessage).where(OutboxMessage.subject.like("%surveillance.alert-raised%"))).scalars()]
    assert len(alerts) == 2
    assert {a["alert_id"]: a for a in published} == alerts
    assert sorted(a["order_ids"][0] for a in published) == sorted(o.order_id for o, _ in placed[:2])

    # the records kept beside the books for the next batch are exactly the open orders (the cancelled offers are gone)
    with uow() as u:
        assert u.books.records is not None
        assert u.books.records == {o.order_id: o for o in rows.values() if o.status == "OPEN"}

    # a batch's session check is its own: the next batch, after the morning session closed, is refused
    with uow() as u:
        u.advance_clock(NOW + timedelta(hours=1, minutes=30))  # 11:30 Shanghai
        u.commit()
    refused = order_entry.place_orders(uow(), [order("B", "SELL", "40.00", 1), order("A", "BUY", "40.00", 1)])
    assert all(isinstance(r, DomainError) and "outside the trading sessions" in str(r) for r in refused)


def test_m23_m28_orders_at_one_price_and_at_the_bands_edges_are_checked_in_a_batch_as_one_by_one(exchange):
    """The price band (M-28(1)) is worked out once per product and batch, a bid's cash per tonne once per price: the
    same orders in one batch and one per transaction are refused alike (just beyond the band, by M-28, the rule's own
    text) and accepted alike (at its edges, several at one price), with the same reservations and balances."""
    prices = [("A", "BUY", "44.00"), ("A", "BUY", "44.01"), ("A", "BUY", "36.00"), ("A", "BUY", "35.99"),
              ("A", "BUY", "40.00"), ("C", "BUY", "40.00"), ("C", "BUY", "44.00"), ("B", "SELL", "44.01"),
              ("B", "SELL", "36.00"), ("D", "SELL", "43.99"), ("D", "SELL", "36.00")]
    entries = [(trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                            quantity=10 + n, time_in_force="GTC"), MessageContext.new("test"))
               for n, (trader, side, price) in enumerate(prices)]

    def entered(outcomes: list) -> tuple:
        with exchange.factory() as session:
            orders = sorted((o.sequence, o.side, o.price_cents, o.remaining, o.status, o.reserve_per_t_cents)
                            for o in session.execute(select(OrderRow)).scalars())
            cash = sorted((r.account_id, r.available_cents, r.reserved_cents)
                          for r in session.execute(select(CashBalanceRow)).scalars())
        return [str(o) if isinstance(o, DomainError) else "accepted" for o in outcomes], orders, cash

    batched = entered(order_entry.place_orders(exchange.uow(), entries))
    Exchange(None, exchange.factory)  # the same market afresh
    one_by_one = entered([order_entry.place_orders(exchange.uow(), [entry])[0] for entry in entries])
    assert batched == one_by_one
    refusals = [o for o in batched[0] if o != "accepted"]
    assert len(refusals) == 3 and all("outside today's limits 36.00-44.00" in r for r in refusals)


def test_m23_m25_a_batchs_events_are_their_contracts_validated_json(exchange):
    """Accepted, executed, delivery instructed, printed, cancelled by self-trade prevention and as an IOC rest: each
    re-validated by its contract writes the identical JSON, and each trade's print carries its price and quantity."""

    def order(trader: str, side: str, price: str, quantity: int, tif: str = "GTC"):
        return trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                           quantity=quantity, time_in_force=tif), MessageContext.new("test")

    with exchange.factory() as session:
        before = {m.event_id for m in session.execute(select(OutboxMessage)).scalars()}
    uow = exchange.uow()
    outcomes = order_entry.place_orders(uow, [
        order("A", "SELL", "40.00", 10), order("A", "SELL", "40.01", 20),
        order("A", "BUY", "40.05", 50),  # A's own offers cancelled by self-trade prevention
        order("B", "SELL", "40.02", 5), order("C", "SELL", "40.03", 7),  # two trades with A's bid
        order("D", "BUY", "40.03", 100, "IOC"),  # the rest of A's bid left nothing at 40.03: D's IOC cancelled whole
        order("C", "BUY", "43.99", 3),  # trades with nothing (no offer left): rests
        order("B", "SELL", "36.00", 4),  # crosses C's bid at 43.99: one trade at the bid's price
    ])
    with exchange.factory() as session:
        published = [(m.subject, json.loads(m.payload)) for m in session.execute(
            select(OutboxMessage).order_by(OutboxMessage.seq)).scalars() if m.event_id not in before]

    assert len(uow.emitted) == len(published)
    for event in (envelope.data for envelope in uow.emitted):  # the models too, their fields in the contract's order
        assert event == type(event).model_validate(event.model_dump())
        assert list(event.__dict__) == list(type(event).model_fields)
    seen = {}
    for subject, envelope in published:
        contract = CATALOGUE[subject]
        data = json.dumps(envelope["data"], separators=(",", ":"), ensure_ascii=False)
        assert contract.model_validate_json(data).model_dump_json() == data
        seen.setdefault(envelope["event_type"], []).append(envelope["data"])
    kinds = ("order.accepted", "trade.executed", "trade.delivery-instructed", "market.trade-printed", "order.cancelled")
    assert set(seen) >= {f"exchange.{kind}" for kind in kinds}, seen
    assert {c["reason"] for c in seen["exchange.order.cancelled"]} == {"self_trade_prevented", "immediate_or_cancel"}
    trades = [t for o in outcomes if not isinstance(o, Exception) for t in o[1]]
    assert [(p["trade_id"], p["price"], p["quantity"], p["mode"]) for p in seen["exchange.market.trade-printed"]] == [
        (t.trade_id, f"{t.price_cents / 100:.2f}", t.quantity, "open_bidding") for t in trades]
