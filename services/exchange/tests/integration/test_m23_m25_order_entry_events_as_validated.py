"""M-23, M-25: every event a batch of order entries writes to its outbox — accepted, executed, delivery instructed,
printed, cancelled by self-trade prevention or as an immediate-or-cancel rest — is, byte for byte, what its contract
writes for the same data validated afresh (the events are made without a second validation, `order_entry._event`),
and each trade's print carries the trade's price, quantity and instant."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ets_shared.contracts.base import CATALOGUE
from ets_shared.envelope import MessageContext
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.orm import ExchangeTable
from exchange.bootstrap import definition
from exchange.service_layer import commands, order_entry

from .test_trading_properties import Exchange


@pytest.fixture
def exchange(database_url):
    engine = make_engine(database_url("exchange"))
    upgrade(engine, definition().migrations, ExchangeTable.metadata)
    yield Exchange(engine, make_session_factory(engine))  # members A-D, funded, with allowances; product P at 40.00
    engine.dispose()


def test_m23_m25_a_batchs_events_are_their_contracts_validated_json(exchange):
    def order(trader: str, side: str, price: str, quantity: int, tif: str = "GTC"):
        return trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                           quantity=quantity, time_in_force=tif), MessageContext.new("test")

    with exchange.factory() as session:
        before = {m.event_id for m in session.execute(select(OutboxMessage)).scalars()}
    outcomes = order_entry.place_orders(exchange.uow(), [
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
