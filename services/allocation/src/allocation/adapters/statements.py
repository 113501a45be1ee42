"""Statements as of any instant (M-32: a transaction takes effect on registration): an account's holdings rebuilt
from the registered transactions up to that instant, and those transactions, paged."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select

from allocation.adapters.orm import RegistryTransactionRow, TransactionLineRow

_TX = RegistryTransactionRow.__table__
_LINE = TransactionLineRow.__table__


class Statements:
    def __init__(self, session) -> None:  # a Session
        self.session = session

    def holdings(self, account_id: str, as_of: datetime) -> list[tuple[str, int, int]]:
        """(unit type, vintage, quantity) held at `as_of`: what was credited less what was debited (issuance is not
        debited from the issuance account), without empty holdings."""
        held: dict[tuple[str, int], int] = {}
        registered = _LINE.join(_TX, _TX.c.transaction_id == _LINE.c.transaction_id)
        for side, sign in ((_LINE.c.to_account_id, 1), (_LINE.c.from_account_id, -1)):
            query = (select(_LINE.c.unit_type, _LINE.c.vintage, func.sum(_LINE.c.quantity)).select_from(registered)
                     .where(side == account_id, _TX.c.registered_at <= as_of)
                     .group_by(_LINE.c.unit_type, _LINE.c.vintage))
            if sign < 0:
                query = query.where(_TX.c.kind != "issue")
            for unit_type, vintage, quantity in self.session.execute(query):
                held[(unit_type, vintage)] = held.get((unit_type, vintage), 0) + sign * int(quantity)
        return sorted(((u, v, q) for (u, v), q in held.items() if q), key=lambda h: (h[0] != "SHEA", h[0], h[1]))

    def transactions(self, account_id: str, as_of: datetime, offset: int, limit: int
                     ) -> tuple[int, list[tuple[RegistryTransactionRow, list[TransactionLineRow]]]]:
        """How many transactions touched the account up to `as_of`, and one page of them in registration order."""
        involved = select(_LINE.c.transaction_id).where(or_(_LINE.c.from_account_id == account_id,
                                                            _LINE.c.to_account_id == account_id))
        where = (RegistryTransactionRow.transaction_id.in_(involved), RegistryTransactionRow.registered_at <= as_of)
        total = self.session.execute(select(func.count()).select_from(RegistryTransactionRow).where(*where)
                                     ).scalar_one()
        txs = list(self.session.execute(select(RegistryTransactionRow).where(*where)
                                        .order_by(RegistryTransactionRow.seq).offset(offset).limit(limit)).scalars())
        lines: dict[str, list[TransactionLineRow]] = {tx.transaction_id: [] for tx in txs}
        if txs:
            for row in self.session.execute(select(TransactionLineRow)
                                            .where(TransactionLineRow.transaction_id.in_(list(lines)))
                                            .order_by(TransactionLineRow.transaction_id, TransactionLineRow.line_no)
                                            ).scalars():
                lines[row.transaction_id].append(row)
        return total, [(tx, lines[tx.transaction_id]) for tx in txs]
