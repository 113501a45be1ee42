"""M-26: a batch's statement lines written together (`Ledger.entries`: on SQLite multi-row INSERTs straight on the
driver, `LINES_PER_INSERT` lines each and the rest one by one) are, on SQLite and PostgreSQL, the rows SQLAlchemy's
own insert of the same lines as dicts writes (`insert_rows`): every column, the instant stored as the same text, the
ids ascending in the lines' order."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text

from ets_shared.persistence.bulk import insert_rows
from exchange.adapters.ledger import LINES_PER_INSERT
from exchange.adapters.orm import LedgerEntryRow

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW

COLUMNS = ("account_id", "kind", "reference", "cash_cents", "vintage", "quantity")


def lines(count: int) -> list[tuple]:
    kinds = [("trade_buy", -40060, 2025, 10), ("trade_sell", 39940, 2025, -10), ("fees", 96, None, 0),
             ("risk_reserve", 24, None, 0)]
    return [(f"X-{'ABCD'[n % 4]}", kinds[n % 4][0], f"TRD-{n // 4:04d}-\u00e9", kinds[n % 4][1] * (n + 1),
             kinds[n % 4][2], kinds[n % 4][3]) for n in range(count)]


def written(market) -> tuple[list[tuple], list[str]]:
    """The statement lines written (then removed), and the instant's text as stored."""
    with market.factory() as session:
        rows = session.execute(select(LedgerEntryRow.id, LedgerEntryRow.at, *(getattr(LedgerEntryRow, c)
                                                                              for c in COLUMNS))
                               .where(LedgerEntryRow.kind.in_(("trade_buy", "trade_sell", "fees", "risk_reserve")))
                               .order_by(LedgerEntryRow.id)).all()
        stored = session.execute(text("SELECT DISTINCT at FROM ledger_entry WHERE kind IN ('trade_buy', 'trade_sell', "
                                      "'fees', 'risk_reserve')")).scalars().all()
        session.execute(delete(LedgerEntryRow).where(LedgerEntryRow.id.in_([row[0] for row in rows])))
        session.commit()
    assert [row[0] for row in rows] == sorted({row[0] for row in rows})  # ascending in the lines' order
    return [tuple(row[1:]) for row in rows], [str(at) for at in stored]


@pytest.mark.parametrize("count", [0, 1, LINES_PER_INSERT - 1, LINES_PER_INSERT, 2 * LINES_PER_INSERT + 5])
def test_m26_statement_lines_written_together_are_sqlalchemys_rows(exchange, count):  # noqa: F811 - the fixture
    batch = lines(count)
    with exchange.uow() as uow:
        uow.ledger.entries(NOW, batch)
        uow.commit()
    mine, stored = written(exchange)
    with exchange.uow() as uow:
        insert_rows(uow.session, LedgerEntryRow, [{"account_id": a, "at": NOW, "kind": k, "reference": r,
                                                   "cash_cents": c, "vintage": v, "quantity": q}
                                                  for a, k, r, c, v, q in batch])
        uow.commit()
    assert (mine, stored) == written(exchange)
    assert [row[1:] for row in mine] == batch and {row[0] for row in mine} <= {NOW}
