"""M-19, on SQLite and PostgreSQL: a listed product is read from the database once and then remembered for the
engine (`TradingStore.product`: order entry asks for it at every batch) — never a product a transaction added and
did not commit, and forgotten with the books (a database emptied and listed again); the batch reads whose keys go as
one parameter (`AmongKeys`: SQLite's `json_each`, PostgreSQL's `= ANY`) find exactly the rows among their keys."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from ets_shared.errors import RuleViolation
from exchange.adapters.orm import ProductRow, TradingAccountRow
from ets_shared.persistence.among import AmongKeys

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW


def product_reads(market) -> list[str]:
    """The statements that read the product table, collected while the test runs."""
    seen: list[str] = []
    engine = market.uow().__enter__().session.get_bind()

    @event.listens_for(engine, "before_cursor_execute")
    def collect(_conn, _cursor, statement, *_args) -> None:
        if "FROM product" in statement:
            seen.append(statement)
    return seen


def test_m19_a_listed_product_is_read_once_then_remembered_until_the_books_are_forgotten(exchange):  # noqa: F811
    reads = product_reads(exchange)
    for _ in range(3):
        with exchange.uow() as uow:
            product = uow.trading.product("P")
            assert (product.product_id, product.vintage, product.reference_price_cents, product.listed_at) == (
                "P", 2025, 4000, NOW)
            uow.commit()  # remembered when a transaction that read it commits
    assert len(reads) == 1

    with exchange.uow() as uow:  # the session's own object is the one it gets
        held = uow.session.get(ProductRow, "P")
        assert uow.trading.product("P") is held

    with exchange.uow() as uow:  # a database emptied and listed again: the books (and products) are forgotten
        uow.books.invalidate()
        uow.session.get(ProductRow, "P").reference_price_cents = 4100
        uow.commit()
    with exchange.uow() as uow:
        assert uow.trading.product("P").reference_price_cents == 4100


def test_m19_a_product_listed_in_a_transaction_that_rolls_back_is_not_remembered(exchange):  # noqa: F811
    with exchange.uow() as uow:
        uow.session.add(ProductRow(product_id="Q", vintage=2026, reference_price_cents=5000,
                                   listed_at=NOW + timedelta(days=1)))
        uow.session.flush()
        assert uow.trading.product("Q").vintage == 2026  # this transaction sees what it added
        uow.rollback()
    with exchange.uow() as uow:  # a later transaction that commits remembers nothing of it
        uow.commit()
    with exchange.uow() as uow, pytest.raises(RuleViolation, match="unknown product Q"):
        uow.trading.product("Q")


def test_m19_keys_as_one_parameter_find_exactly_the_rows_among_them(exchange):  # noqa: F811
    accounts = TradingAccountRow.__table__
    among_ids = AmongKeys(lambda among: select(accounts.c.trading_account_id).where(
        among(accounts.c.trading_account_id)).order_by(accounts.c.trading_account_id))
    with exchange.uow() as uow:
        assert list(among_ids.execute(uow.session, ["X-C", "X-A", "X-NONE"]).scalars()) == ["X-A", "X-C"]
        assert list(among_ids.execute(uow.session, []).scalars()) == []
        quoted = "X-'\"],[1"  # a key that would break a JSON array or a statement's text built by hand
        assert list(among_ids.execute(uow.session, [quoted, "X-B"]).scalars()) == ["X-B"]
