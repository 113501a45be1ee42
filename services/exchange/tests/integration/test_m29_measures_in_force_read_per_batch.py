"""M-29, on SQLite and PostgreSQL: the measures in force are read from the table at every batch (`risk.
measures_in_force`), so a halt refuses the next order whichever exchange process imposed it — one written to the table
by another process (a second replica, the desk's tool) included — a lifted one no longer does, and a change rolled
back leaves the measures as they were."""
from __future__ import annotations

from datetime import datetime, timezone

from ets_shared.errors import DomainError
from exchange.adapters.orm import MarketMeasureRow
from exchange.service_layer import commands_oversight, risk

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database


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


def test_m29_a_halt_or_its_lift_is_seen_by_the_next_transaction(exchange):  # noqa: F811
    assert [halted(exchange) for _ in range(2)] == [False, False]
    risk.impose(commands_oversight.ImposeMeasure(measure_id="H-1", kind="halt", product_id="P",
                                                 reason="suspected wash trades"), exchange.uow())
    assert [halted(exchange) for _ in range(2)] == [True, True]
    risk.lift("H-1", commands_oversight.LiftMeasure(reason="the situation ended"), exchange.uow())
    assert [halted(exchange) for _ in range(2)] == [False, False]


def test_m29_a_halt_another_process_wrote_refuses_the_next_batch(exchange):  # noqa: F811
    assert not halted(exchange)  # this process has read the measures (none) ...
    with exchange.factory() as session:  # ... when another one commits a halt to the same table
        session.add(MarketMeasureRow(measure_id="H-9", kind="halt", product_id="P", reason="imposed elsewhere",
                                     imposed_by="desk", imposed_at=datetime.now(timezone.utc)))
        session.commit()
    assert halted(exchange)


def test_m29_a_lift_rolled_back_leaves_the_halt_in_force(exchange):  # noqa: F811
    risk.impose(commands_oversight.ImposeMeasure(measure_id="H-2", kind="halt", product_id="P",
                                                 reason="suspected wash trades"), exchange.uow())
    assert halted(exchange)
    with exchange.uow() as uow:  # a lift whose transaction does not commit
        row = uow.session.get(MarketMeasureRow, "H-2")
        risk._lift(uow, row, "never committed", "desk", uow.now())
        assert risk.measures_in_force(uow) == []  # this transaction sees its own change
        uow.rollback()
    assert halted(exchange)
