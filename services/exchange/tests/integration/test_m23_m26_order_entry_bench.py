"""M-23, M-26: `ets bench-order-entry` enters its stream through the sequencer's own transaction (`place_orders`),
settles every trade as the companion does, and says so only when the database agrees — on SQLite and PostgreSQL; a
database that holds orders already is refused, not added to."""
from __future__ import annotations

from argparse import Namespace

import pytest
from sqlalchemy import func, select

from ets_shared.persistence.engine import make_engine, make_session_factory
from exchange.adapters.orm import CashBalanceRow, OrderRow, TradeRow
from exchange.adapters.ledger import FEE_ACCOUNT
from exchange.entrypoints import order_entry_bench


def test_m23_m26_the_bench_enters_settles_and_reconciles_against_the_database(database_url, capsys):
    url = database_url("exchange")
    args = Namespace(orders=300, batch=16, traders=4, seed=3, database_url=url)
    assert order_entry_bench.run(args) == 0
    out = capsys.readouterr().out
    assert "reconciled: 300 accepted, 300 recorded; 0 refused by a rule" in out

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            assert session.execute(select(func.count()).select_from(OrderRow)).scalar_one() == 300
            statuses = dict(session.execute(select(TradeRow.status, func.count()).group_by(TradeRow.status)).all())
            assert set(statuses) == {"SETTLED"} and statuses["SETTLED"] > 0  # every trade settled, as printed
            assert f"{statuses['SETTLED']:,} settled" in out
            fees = session.get(CashBalanceRow, FEE_ACCOUNT)
            assert fees is not None and fees.available_cents > 0  # settlement took its fees (M-27)
    finally:
        engine.dispose()

    with pytest.raises(SystemExit, match="holds orders already"):  # the same database again: refused, unchanged
        order_entry_bench.run(args)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            assert session.execute(select(func.count()).select_from(OrderRow)).scalar_one() == 300
    finally:
        engine.dispose()
