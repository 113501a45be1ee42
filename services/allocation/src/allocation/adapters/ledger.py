"""The chained ledger read back (M-32): transactions with their lines in sequence order for the audit, the chain
head at an instant, and the published daily heads."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.adapters.orm import LedgerHeadRow, RegistryTransactionRow, TransactionLineRow
from allocation.domain.ledger_chain import GENESIS, ChainCheck, ChainWalk

_TX = RegistryTransactionRow.__table__
_LINE = TransactionLineRow.__table__


#: a transaction's columns then its lines' (none: a line-less transaction, whose hash cannot match), in chain order
_WALK = (select(_TX.c.seq, _TX.c.transaction_id, _TX.c.kind, _TX.c.purpose, _TX.c.reference, _TX.c.registered_at,
                _TX.c.prev_hash, _TX.c.hash, _LINE.c.line_no, _LINE.c.from_account_id, _LINE.c.to_account_id,
                _LINE.c.unit_type, _LINE.c.vintage, _LINE.c.quantity, _LINE.c.project_id, _LINE.c.reduction_date,
                _LINE.c.boundary_entity_id)
         .outerjoin(_LINE, _LINE.c.transaction_id == _TX.c.transaction_id)
         .order_by(_TX.c.seq))


def _feed(walk: ChainWalk, tx: tuple, lines: list[tuple]) -> bool:
    lines.sort()  # by line number (the query orders by sequence only: no sort of the whole chain in the database)
    return walk.feed(tx[0], tx[1], tx[2], tx[3], tx[4], tx[5],
                     [[f, t, u, v, q, p, d.isoformat() if d else None, b] for _, f, t, u, v, q, p, d, b in lines],
                     tx[6], tx[7])


class Ledger:
    def __init__(self, session: Session) -> None:
        self.session = session

    def verify(self, from_seq: int = 1, to_seq: int | None = None) -> ChainCheck:
        """Walk the chain from `from_seq` (continuing from the stored hash before it) to `to_seq` or its end: one
        query joining the transactions to their lines in sequence order, streamed (a server-side cursor on
        PostgreSQL), each transaction rehashed from the row values as it arrives."""
        prev = GENESIS
        if from_seq > 1:
            before = self.session.execute(select(_TX.c.hash).where(_TX.c.seq == from_seq - 1)).scalar_one_or_none()
            prev = before if before is not None else GENESIS
        walk = ChainWalk(from_seq - 1, prev)
        query = _WALK.where(_TX.c.seq >= from_seq)
        if to_seq is not None:
            query = query.where(_TX.c.seq <= to_seq)
        result = self.session.execute(query, execution_options={"yield_per": 10_000})
        current: tuple | None = None
        lines: list[tuple] = []
        for row in result:
            if current is None or row[0] != current[0]:
                if current is not None and not _feed(walk, current, lines):
                    break
                current, lines = row, []
            if row[8] is not None:
                lines.append(row[8:])
        else:
            if current is not None:
                _feed(walk, current, lines)
        result.close()
        return walk.result(to_seq)

    def head_before(self, instant: datetime) -> tuple[int, str]:
        """The chain head of everything registered before `instant`."""
        last = self.session.execute(select(_TX.c.seq, _TX.c.hash).where(_TX.c.registered_at < instant)
                                    .order_by(_TX.c.seq.desc()).limit(1)).first()
        return (last.seq, last.hash) if last else (0, GENESIS)

    def head_published(self, day: date) -> bool:
        return self.session.get(LedgerHeadRow, day) is not None

    def add_head(self, day: date, seq: int, digest: str, published_at: datetime) -> None:
        self.session.add(LedgerHeadRow(day=day, seq=seq, hash=digest, published_at=published_at))

    def heads(self, offset: int, limit: int) -> list[LedgerHeadRow]:
        query = select(LedgerHeadRow).order_by(LedgerHeadRow.day.desc()).offset(offset).limit(limit)
        return list(self.session.execute(query).scalars())
