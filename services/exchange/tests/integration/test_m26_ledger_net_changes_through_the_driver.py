"""M-26 on SQLite and PostgreSQL: a batch's net balance changes (`Ledger.write_pending`), on SQLite sent to the
driver's executemany as tuples (`Ledger._net`), leave exactly the balances SQLAlchemy's execution of the same guarded
statements leaves — with a balance row the session holds pending (flushed first, as `Session.execute` flushes it),
with a listener on the engine's statements (the tracing's: SQLAlchemy's path) and without — and refuse what would
go below zero alike."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from exchange.adapters import ledger
from exchange.adapters.orm import AllowancePositionRow, CashBalanceRow

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import Exchange

CASH = [("X-A", -700, 700), ("X-B", 1_234, 0), ("X-C", 0, 0), ("X-NEW", 9, 3)]
UNITS = [("X-A", 2025, -40, 40), ("X-D", 2025, 12, 0), ("X-NEW", 2025, 0, 5)]


def balances(uow) -> tuple:
    return (sorted(uow.session.execute(select(CashBalanceRow.__table__)).all()),
            sorted(uow.session.execute(select(AllowancePositionRow.__table__)).all()))


def changed(market: Exchange, through_the_ledger: bool) -> tuple:
    """The changes applied in a transaction that is rolled back; the balances it saw."""
    with market.uow() as uow:
        uow.session.add(CashBalanceRow(account_id="X-NEW", available_cents=0, reserved_cents=0))  # pending
        uow.session.add(AllowancePositionRow(account_id="X-NEW", vintage=2025, available=0, reserved=0))
        if through_the_ledger:
            for account, available, reserved in CASH:
                uow.ledger.cash_later(account, available=available, reserved=reserved)
            for account, vintage, available, reserved in UNITS:
                uow.ledger.allowances_later(account, vintage, available=available, reserved=reserved)
            uow.ledger.write_pending()
        else:  # SQLAlchemy's execution of the same statements, in the same order
            uow.session.execute(ledger._CASH_NET, [{"b_id": a, "b_available": v, "b_reserved": r}
                                                   for a, v, r in sorted(CASH) if v or r])
            uow.session.execute(ledger._UNITS_NET, [{"b_id": a, "b_v": y, "b_available": v, "b_reserved": r}
                                                    for a, y, v, r in sorted(UNITS)])
        seen = balances(uow)
        uow.rollback()
    return seen


@pytest.mark.parametrize("traced", [False, True])
def test_m26_net_changes_through_the_driver_leave_the_balances_sqlalchemy_leaves(exchange: Exchange, traced):  # noqa: F811
    engine = exchange.factory.kw["bind"]
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)
    if traced:
        event.listen(engine, "before_cursor_execute", seen)
    try:
        with exchange.uow() as uow:
            before = balances(uow)
        expected = changed(exchange, through_the_ledger=False)
        assert changed(exchange, through_the_ledger=True) == expected != before
        assert ("X-NEW", 9, 3) in expected[0] and ("X-A", 2025, 20_000 - 40, 40) in expected[1]
        assert bool(statements) == traced

        with pytest.raises(RuntimeError, match="would go negative"), exchange.uow() as uow:
            uow.ledger.cash_later("X-B", available=1)
            uow.ledger.allowances_later("X-C", 2025, reserved=-1)
            uow.ledger.write_pending()
        with exchange.uow() as uow:
            assert balances(uow) == before
    finally:
        if traced:
            event.remove(engine, "before_cursor_execute", seen)
