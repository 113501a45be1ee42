"""M-25, on SQLite and PostgreSQL: the depth feed's last price after a batch with no trade of a product is that
product's last trade as the database holds it (`MarketStore.last_price`, read with a statement built once) — also a
trade another path wrote (an agreement transfer, another process), and never one whose delivery failed."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update

from ets_shared.envelope import MessageContext
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.market_store import MarketStore
from exchange.adapters.orm import TradeRow
from exchange.service_layer import commands, order_entry

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW


def a_batch(market, *orders: tuple[str, str, str, int]) -> None:
    order_entry.place_orders(market.uow(), [
        (trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                     quantity=quantity, time_in_force="GTC"), MessageContext.new("test"))
        for trader, side, price, quantity in orders])


def last_depth_price(market) -> str | None:
    with market.factory() as session:
        payloads = session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject.like("%market.depth-changed%")).order_by(OutboxMessage.seq)).scalars().all()
    return json.loads(payloads[-1])["data"]["last_price"]


def another_paths_trade(market, trade_id: str, price_cents: int, at, print_sequence: int,
                        mode: str = "agreement") -> None:
    """A trade committed beside the batches (an agreement transfer, another process): straight into the table."""
    with market.factory() as session:
        session.add(TradeRow(trade_id=trade_id, mode=mode, product_id="P", vintage=2025, price_cents=price_cents,
                             quantity=1, buyer_account_id="X-A", seller_account_id="X-B", buy_order_id=None,
                             sell_order_id=None, buyer_fee_cents=0, seller_fee_cents=0, buyer_reserved_cents=0,
                             status="MATCHED", trading_day=at.date(), executed_at=at, print_sequence=print_sequence))
        session.commit()


def store_agrees(market, price_cents: int | None) -> None:
    with market.factory() as session:
        store = MarketStore(session)
        last = store.last_trade("P")
        assert store.last_price("P") == (last.price_cents if last else None) == price_cents


def test_m25_the_depth_feeds_last_price_is_the_last_trade_the_database_holds(exchange):  # noqa: F811
    store_agrees(exchange, None)
    a_batch(exchange, ("A", "BUY", "39.00", 1))  # no trade yet
    assert last_depth_price(exchange) is None

    a_batch(exchange, ("A", "BUY", "40.02", 5), ("B", "SELL", "40.02", 5))  # the batch's own trade
    assert last_depth_price(exchange) == "40.02"
    store_agrees(exchange, 4002)

    another_paths_trade(exchange, "AGR-1", 4300, NOW + timedelta(hours=1), 100)
    a_batch(exchange, ("A", "BUY", "39.10", 1))  # no trade in this batch: the agreement's price
    assert last_depth_price(exchange) == "43.00"
    store_agrees(exchange, 4300)

    # the same instant: the later on the tape is the last, whatever its id
    another_paths_trade(exchange, "AAA-2", 4200, NOW + timedelta(hours=1), 101, mode="open_bidding")
    a_batch(exchange, ("A", "BUY", "39.20", 1))
    assert last_depth_price(exchange) == "42.00"
    store_agrees(exchange, 4200)

    with exchange.factory() as session:  # its delivery failed (settlement): the trade before it is the last again
        session.execute(update(TradeRow).where(TradeRow.trade_id == "AAA-2").values(status="FAILED"))
        session.commit()
    a_batch(exchange, ("A", "BUY", "39.30", 1))
    assert last_depth_price(exchange) == "43.00"
    store_agrees(exchange, 4300)
