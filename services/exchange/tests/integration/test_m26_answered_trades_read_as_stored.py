"""M-26: settlement reads the answered trades on SQLite with their dates and instants as stored, each distinct text
converted once (`settlement._answered_trades`): the records are, value for value and type for type, those SQLAlchemy's
own execution of the same read gives — trades sharing an instant and a day, others each their own, settled and not,
an unknown id absent — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from exchange.adapters.order_entry_store import TradeRecord
from exchange.adapters.orm import TradeRow
from exchange.service_layer.settlement import _ANSWERED, _answered_trades

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_m26_m28_settlement_batch_checks import trade
from .test_trading_properties import NOW


def test_m26_answered_trades_read_as_stored_are_sqlalchemys_records(exchange):  # noqa: F811 - the fixture
    rows = [trade(exchange, seller, buyer, quantity) for seller, buyer, quantity in (
        ("A", "B", 10), ("C", "D", 5), ("B", "A", 7), ("D", "C", 3), ("A", "C", 2))]
    ids = [row.trade_id for row in rows]
    with exchange.factory() as session:  # two share the batch's instant and day; the others each their own
        for n, trade_id in enumerate(ids[2:], 1):
            session.execute(update(TradeRow).where(TradeRow.trade_id == trade_id).values(
                executed_at=NOW + timedelta(seconds=n, microseconds=n * 1001),
                trading_day=(NOW + timedelta(days=n)).date(),
                settled_at=NOW + timedelta(hours=n) if n % 2 else None, status="SETTLED" if n % 2 else "MATCHED"))
        session.commit()
    with exchange.uow() as uow:
        read = _answered_trades(uow.session, {*ids, "TRD-none"})
        expected = {record.trade_id: record for record in (
            TradeRecord(*row) for row in _ANSWERED.execute(uow.session, sorted(ids)))}
    assert sorted(read) == sorted(ids) == sorted(expected)
    for trade_id, record in expected.items():
        mine = read[trade_id]
        assert [(getattr(mine, n), type(getattr(mine, n))) for n in TradeRecord.__slots__] == [
            (getattr(record, n), type(getattr(record, n))) for n in TradeRecord.__slots__]
        assert mine.executed_at.tzinfo == record.executed_at.tzinfo
    assert len({read[i].executed_at for i in ids}) == 4 and len({read[i].settled_at for i in ids}) == 3
