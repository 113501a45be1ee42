"""M-23 open bidding with two exchange processes on one database (two replicas, or one started while the one it
replaces still runs), on SQLite and PostgreSQL: each keeps the order books in memory, reads the order books' version
before it matches and rebuilds its books when the other process changed the open orders since — so an order entered
through one meets the orders resting through the other, an order filled or cancelled through one is never matched
again through the other, and time priority runs on across both."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.engine import make_engine, make_session_factory
from exchange.adapters.orm import OrderRow
from exchange.service_layer import commands, order_entry, orders
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database


@pytest.fixture
def second(exchange):  # noqa: F811 - a second process: an engine (so books) of its own on the same database
    engine = make_engine(exchange.factory.kw["bind"].url.render_as_string(hide_password=False))
    factory = make_session_factory(engine)
    yield lambda: ExchangeUnitOfWork(factory, producer="exchange", context=MessageContext.new("test"))
    engine.dispose()


def enter(uow: ExchangeUnitOfWork, trader: str, side: str, price: str, quantity: int):
    (outcome,) = order_entry.place_orders(uow, [(trader, commands.PlaceOrder(
        trading_account_id=f"X-{trader}", product_id="P", side=side, price=price, quantity=quantity,
        time_in_force="GTC"), MessageContext.new("test"))])
    assert not isinstance(outcome, DomainError), outcome
    return outcome


def test_m23_an_order_through_one_process_meets_the_book_the_other_process_changed(exchange, second):  # noqa: F811
    first = exchange.uow
    enter(second(), "C", "BUY", "39.00", 1)  # the second process has built its books: no offer in them
    offer, _ = enter(first(), "A", "SELL", "40.00", 10)
    bid, trades = enter(second(), "B", "BUY", "40.00", 10)  # its books rebuilt first: A's offer is there
    assert [(t.sell_order_id, t.buy_order_id, t.quantity) for t in trades] == [(offer.order_id, bid.order_id, 10)]

    late, trades = enter(first(), "D", "BUY", "40.00", 5)  # A's offer was filled through the second process
    assert trades == [] and late.status == "OPEN"
    with exchange.factory() as session:
        rows = list(session.execute(select(OrderRow).order_by(OrderRow.sequence)).scalars())
    assert [r.order_id for r in rows] == [r.order_id for r in sorted(rows, key=lambda r: r.accepted_at)]
    assert [r.sequence for r in rows] == [1, 2, 3, 4]  # time priority runs on across both processes
    assert {r.order_id: r.status for r in rows}[offer.order_id] == "FILLED"


def test_m23_an_order_cancelled_through_one_process_is_not_matched_through_the_other(exchange, second):  # noqa: F811
    offer, _ = enter(second(), "A", "SELL", "40.00", 10)  # both processes' books hold the offer
    low, _ = enter(exchange.uow(), "C", "BUY", "39.00", 1)
    orders.cancel_order("A", offer.order_id, exchange.uow())  # cancelled through the first
    bid, trades = enter(second(), "B", "BUY", "40.00", 10)
    assert trades == [] and bid.status == "OPEN"
    with second() as uow:
        assert uow.books.snapshot(uow.session)["P"] == [(bid.order_id, "buy", 4000, 10), (low.order_id, "buy", 3900, 1)]
