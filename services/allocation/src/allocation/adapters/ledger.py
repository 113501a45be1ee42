"""The chained ledger read back (M-32): transactions with their lines in sequence order for the audit, the chain
head at an instant, and the published daily heads."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.adapters.orm import LedgerHeadRow, RegistryTransactionRow, TransactionLineRow
from allocation.domain.ledger_chain import GENESIS, ChainCheck, ChainedLine, ChainedTransaction, verify

_TX = RegistryTransactionRow.__table__
_LINE = TransactionLineRow.__table__


class Ledger:
    def __init__(self, session: Session) -> None:
        self.session = session

    def page(self, after_seq: int, limit: int, to_seq: int | None = None) -> list[ChainedTransaction]:
        query = select(_TX).where(_TX.c.seq > after_seq).order_by(_TX.c.seq).limit(limit)
        if to_seq is not None:
            query = query.where(_TX.c.seq <= to_seq)
        rows = list(self.session.execute(query))
        lines: dict[str, list[ChainedLine]] = {r.transaction_id: [] for r in rows}
        if rows:
            found = self.session.execute(select(_LINE).where(_LINE.c.transaction_id.in_(list(lines)))
                                         .order_by(_LINE.c.transaction_id, _LINE.c.line_no))
            for ln in found:
                lines[ln.transaction_id].append(ChainedLine(
                    ln.from_account_id, ln.to_account_id, ln.unit_type, ln.vintage, ln.quantity, ln.project_id,
                    ln.reduction_date, ln.boundary_entity_id))
        return [ChainedTransaction(r.seq, r.transaction_id, r.kind, r.purpose, r.reference, r.registered_at,
                                   tuple(lines[r.transaction_id]), r.prev_hash, r.hash) for r in rows]

    def verify(self, from_seq: int = 1, to_seq: int | None = None, batch: int = 5000) -> ChainCheck:
        """Walk the chain from `from_seq` (continuing from the stored hash before it) to `to_seq` or its end."""
        prev = GENESIS
        if from_seq > 1:
            before = self.session.execute(select(_TX.c.hash).where(_TX.c.seq == from_seq - 1)).scalar_one_or_none()
            prev = before if before is not None else GENESIS
        return verify(self._walk(from_seq - 1, to_seq, batch), after_seq=from_seq - 1, prev_hash=prev,
                      to_seq=to_seq)

    def _walk(self, after: int, to_seq: int | None, batch: int) -> Iterator[ChainedTransaction]:
        while page := self.page(after, batch, to_seq):
            yield from page
            after = page[-1].seq

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
