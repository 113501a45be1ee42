"""The order and trade lookups by account and by product are served by the composite indexes' leading columns —
which is why the exchange keeps no single-column index on `exchange_order.trading_account_id`,
`trade.buyer_account_id` or `trade.product_id` (each cost every order's or trade's insert another B-tree write).
Shown by SQLite's query plan on the schema the migrations build."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import upgrade
from exchange.adapters.market_store import MarketStore
from exchange.adapters.records import Page, orders, trades
from exchange.adapters.trading_store import TradingStore
from exchange.bootstrap import definition


@pytest.fixture
def plans(tmp_path):
    """A migrated exchange database and the query plan of every SELECT a test's code runs on it."""
    engine = make_engine(f"sqlite:///{tmp_path / 'exchange.sqlite'}")
    exchange = definition()
    upgrade(engine, exchange.migrations, exchange.metadata)
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def explain(conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            rows = conn.connection.driver_connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            seen.append(" | ".join(row[-1] for row in rows))

    with Session(engine) as session:
        yield session, seen
    engine.dispose()


def test_the_covered_single_column_indexes_are_gone_and_the_composites_remain(plans):
    session, _seen = plans
    names = {table: {ix["name"] for ix in inspect(session.connection()).get_indexes(table)}
             for table in ("exchange_order", "trade")}
    assert "ix_exchange_order_trading_account_id" not in names["exchange_order"]
    assert {"ix_trade_buyer_account_id", "ix_trade_product_id"}.isdisjoint(names["trade"])
    assert "ix_exchange_order_account_status" in names["exchange_order"]
    assert {"ix_trade_buyer_status", "ix_trade_product_mode_day"} <= names["trade"]


def test_an_accounts_orders_and_trades_are_found_by_index(plans):
    session, seen = plans
    page = Page(datetime(2026, 1, 1, tzinfo=timezone.utc), None, 0, 50)
    orders(session, "X-M-E-0001", page)
    trades(session, "X-M-E-0001", page)
    assert "SEARCH exchange_order USING INDEX ix_exchange_order_account_status (trading_account_id=?)" in seen[0]
    assert "ix_trade_buyer_status (buyer_account_id=?)" in seen[1] and "SCAN trade" not in seen[1], seen[1]


def test_a_products_trades_and_an_accounts_open_buys_are_found_by_index(plans):
    session, seen = plans
    MarketStore(session).day_trades("SHEA-2025", date(2026, 8, 3))
    MarketStore(session).last_trade("SHEA-2025")
    TradingStore(session).pending_buys("X-M-E-0001")
    assert all("SEARCH trade USING INDEX" in plan and "(product_id=?" in plan for plan in seen[:2]), seen[:2]
    assert not any("SCAN trade" in plan or "SCAN exchange_order" in plan for plan in seen), seen


def test_m25_a_products_last_trade_is_its_latest_index_entry_not_a_sort_of_its_trades(plans):
    session, seen = plans
    MarketStore(session).last_trade("SHEA-2025")
    MarketStore(session).last_price("SHEA-2025")  # the depth feed's, after a batch that changed a book
    assert len(seen) == 2
    for plan in seen:
        assert "SEARCH trade USING INDEX ix_trade_product_latest (product_id=?)" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
