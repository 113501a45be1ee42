"""M-23, M-26 on PostgreSQL: a market command and a settlement that lock two allowance positions in opposite orders
deadlock; PostgreSQL aborts the market command (40P01), which runs again (`orders.market_command`, up to
`ATTEMPTS` times) and succeeds once the settlement committed. Nothing is lost or applied twice.

The interleaving is forced: the settlement (a real registry answer, applied as a consumer applies it) stops before
it writes the positions (one executemany `UPDATE`, the buyer's A before the seller's B) until the market command —
the new trading day's first, which expires the previous day's offers, the seller's first (time priority) — has
locked B's position; the command then pauses while the settlement locks A's and waits for B's, and asks for A's.
The settlement waits longer before PostgreSQL checks for a deadlock (`deadlock_timeout`), so the market command is
the one aborted."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from ets_shared.testing.databases import postgres_server
from exchange.adapters.orm import AllowancePositionRow, ExchangeTable, OrderRow, TradeRow
from exchange.bootstrap import definition
from exchange.service_layer import commands, order_entry, orders
from exchange.service_layer.settlement import on_transfer_registered
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

DAY1 = datetime(2026, 5, 20, 10, 0, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)  # a Wednesday, in session
DAY2 = DAY1 + timedelta(days=1)


@pytest.fixture
def exchange_pg():
    with postgres_server() as server:
        if isinstance(server, str):
            pytest.skip(server)
        with server.database("exchange_deadlock") as url:
            engine = make_engine(url)
            upgrade(engine, definition().migrations, ExchangeTable.metadata)
            yield engine, make_session_factory(engine)
            engine.dispose()


def test_m26_deadlock_between_a_market_command_and_a_settlement_is_retried(exchange_pg, open_market):
    engine, factory = exchange_pg

    def uow() -> ExchangeUnitOfWork:
        return ExchangeUnitOfWork(factory, producer="exchange", context=MessageContext.new("test"))

    open_market(uow, DAY1, ("A", "B"))  # A buys from B; both keep an offer open overnight

    def order(trader: str, side: str, price: str, quantity: int):
        return order_entry.place_order(trader, commands.PlaceOrder(
            trading_account_id=f"X-{trader}", product_id="P", side=side, price=price, quantity=quantity,
            time_in_force="GTC"), uow())

    order("B", "SELL", "40.00", 100)
    _, (trade,) = order("A", "BUY", "40.00", 100)
    order("B", "SELL", "42.00", 300)  # rests first: the expiry releases B's position, then A's
    order("A", "SELL", "43.00", 200)
    with uow() as u:
        u.advance_clock(DAY2)
        u.commit()

    settlement_at_positions, command_holds_b = threading.Event(), threading.Event()
    settlement_thread = threading.current_thread()
    aborted: list[str] = []

    def position_of(statement: str, parameters) -> str | None:
        if not statement.lstrip().upper().startswith("UPDATE ALLOWANCE_POSITION"):
            return None
        values = parameters.values() if isinstance(parameters, dict) else ()
        return next((v for v in values if v in ("X-A", "X-B")), "several")

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        if threading.current_thread() is settlement_thread and position_of(statement, parameters) \
                and not settlement_at_positions.is_set():
            settlement_at_positions.set()  # its cash is written; its positions (A's, then B's) come next
            assert command_holds_b.wait(30), "the market command never locked B's position"

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        if threading.current_thread() is not settlement_thread and position_of(statement, parameters) == "X-B" \
                and not command_holds_b.is_set():
            command_holds_b.set()
            threading.Event().wait(0.5)  # the settlement locks A's position and waits for B's; then this asks for A's

    @event.listens_for(engine, "handle_error")
    def failed(context):
        aborted.append(getattr(context.original_exception, "sqlstate", None) or "")

    settled: list[Exception | None] = []

    def settle() -> None:
        try:
            with uow() as u:
                u.session.connection().exec_driver_sql("SET LOCAL deadlock_timeout = '20s'")
                on_transfer_registered(RegistryTransferRegistered(
                    transaction_id=f"DLV-{trade.trade_id}", purpose="trade_delivery", reference=trade.trade_id,
                    from_account_id="X-B", from_holder_id="B", to_account_id="X-A", to_holder_id="A",
                    lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=100)], registered_at=DAY2), u)
                u.commit()
            settled.append(None)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            settled.append(exc)

    settlement_thread = threading.Thread(target=settle)
    settlement_thread.start()
    assert settlement_at_positions.wait(30), "the settlement never reached the positions"
    orders.market_command(uow(), lambda: None)  # the day's first market command: yesterday's offers expire
    settlement_thread.join(60)

    assert settled == [None]
    assert aborted.count("40P01") == 1, f"expected exactly one deadlock abort, got {aborted}"
    with factory() as session:
        assert session.get(TradeRow, trade.trade_id).status == "SETTLED"
        overnight = session.execute(select(OrderRow.trading_account_id, OrderRow.status, OrderRow.remaining)
                                    .where(OrderRow.price_cents > 4000).order_by(OrderRow.sequence)).all()
        assert [tuple(row) for row in overnight] == [("X-B", "EXPIRED", 0), ("X-A", "EXPIRED", 0)]
        positions = {(p.account_id, p.available, p.reserved)
                     for p in session.execute(select(AllowancePositionRow)).scalars()}
    assert positions == {("X-A", 1100, 0), ("X-B", 900, 0)}  # A bought 100, B sold 100; nothing reserved
