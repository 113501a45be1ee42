"""M-29, on SQLite and PostgreSQL: the measures in force are read once and remembered beside the books between
transactions (`risk.measures_in_force`: order entry asks for them at every batch), and a change is seen by the next
transaction — an imposed halt refuses the next order, a lifted one no longer does; a change rolled back leaves
nothing behind; a transaction that read the measures while another changed them does not keep what it read."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from ets_shared.errors import DomainError
from exchange.adapters.orm import ProductRow
from exchange.service_layer import commands_oversight, risk

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database


def halt(market, measure_id: str = "H-1") -> None:
    risk.impose(commands_oversight.ImposeMeasure(measure_id=measure_id, kind="halt", product_id="P",
                                                 reason="suspected wash trades"), market.uow())


def halted(market) -> bool:
    """Whether P is halted for a transaction that commits (as an order batch does)."""
    with market.uow() as uow:
        try:
            risk.market_rules(uow, "P")
            return False
        except DomainError:
            return True
        finally:
            uow.commit()


def measure_reads(market) -> list[str]:
    seen: list[str] = []
    engine = market.uow().__enter__().session.get_bind()

    @event.listens_for(engine, "before_cursor_execute")
    def collect(_conn, _cursor, statement, *_args) -> None:
        if "FROM market_measure" in statement and "ORDER BY market_measure.imposed_at" in statement:
            seen.append(statement)
    return seen


def test_m29_measures_are_read_once_and_a_halt_or_its_lift_is_seen_by_the_next_transaction(exchange):  # noqa: F811
    reads = measure_reads(exchange)
    assert [halted(exchange) for _ in range(3)] == [False] * 3
    assert len(reads) == 1  # remembered after the first reading

    halt(exchange)
    assert [halted(exchange) for _ in range(2)] == [True, True]
    risk.lift("H-1", commands_oversight.LiftMeasure(reason="the situation ended"), exchange.uow())
    assert [halted(exchange) for _ in range(2)] == [False, False]
    assert len(reads) == 3  # read again once after each change


def test_m29_a_halt_rolled_back_leaves_nothing_remembered(exchange):  # noqa: F811
    assert not halted(exchange)
    with exchange.uow() as uow:
        risk.impose(commands_oversight.ImposeMeasure(measure_id="H-2", kind="halt", product_id="P",
                                                     reason="suspected wash trades"), uow)
    with exchange.uow() as uow:  # `impose` committed its own unit; the halt is in force
        assert uow.session.execute(select(ProductRow.product_id)).first() is not None
    assert halted(exchange)

    with exchange.uow() as uow:  # a lift whose transaction does not commit
        row = uow.session.get(risk.MarketMeasureRow, "H-2")
        risk._lift(uow, row, "never committed", "desk", uow.now())
        assert risk.measures_in_force(uow) == []  # this transaction sees its own change
        uow.rollback()
    assert halted(exchange)  # still halted: the rolled-back lift was not remembered


def test_m29_a_reading_made_while_another_transaction_changes_the_measures_is_not_kept(exchange):  # noqa: F811
    """PostgreSQL only: on SQLite every transaction begins IMMEDIATE, so none reads while another writes."""
    if exchange.factory().get_bind().dialect.name == "sqlite":
        pytest.skip("SQLite serialises the transactions: no reading overlaps a change")
    halt(exchange, "H-3")
    assert halted(exchange)
    with exchange.uow() as changer:  # the halt lifted, not yet committed, while another transaction reads
        risk._lift(changer, changer.session.get(risk.MarketMeasureRow, "H-3"), "the situation ended", "desk",
                   changer.now())
        changer.session.flush()
        assert halted(exchange)  # it still reads the halt in force ...
        changer.commit()
    assert not halted(exchange)  # ... and did not keep it past the lift's commit
