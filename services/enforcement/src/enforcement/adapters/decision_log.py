"""The decision log's store (M-43): appends entries to the hash chain, reads a case's history from it, checks the
chain. One writer at a time: on PostgreSQL every write transaction of the service first takes a transaction-scoped
advisory lock (`lock`), so two transactions never chain onto the same head; SQLite admits one writer anyway. The
entries a transaction appends are collected and written together (`collected_writes`), before any read of the log
in it at the latest."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ets_shared.clock import utcnow
from enforcement.adapters.collected_writes import collected, write_collected
from enforcement.adapters.orm import DecisionLogRow
from enforcement.domain.decision_log import GENESIS, ChainCheck, LogEntry, entry_hash, verify
from enforcement.domain.history import CaseStep, StepKind

LOCK_KEY = int.from_bytes(hashlib.sha256(b"ets-enforcement-decision-log").digest()[:8], "big", signed=True)
_LOCKED_IN = "enforcement.decision_log_locked_in"  # session.info: the transaction that holds the log's lock


class DecisionLog:
    def __init__(self, session: Session) -> None:
        self.session = session

    def lock(self) -> None:
        """Become the log's only writer until this transaction ends (PostgreSQL; SQLite has one writer anyway):
        once per transaction, not at every event of a consumed batch (each opens the repositories afresh); in a
        savepoint every time (one rolled back gives up the locks taken in it)."""
        transaction = self.session.get_transaction()
        if (transaction is not None and not self.session.in_nested_transaction()
                and self.session.info.get(_LOCKED_IN) is transaction):
            return
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        self.session.info[_LOCKED_IN] = self.session.get_transaction()

    def append(self, *, at: datetime, subject_ref: str, kind: str, actor: str, detail: str, correlation_id: str,
               case_id: str | None = None, ref: int | None = None) -> LogEntry:
        pending = collected(self.session)  # the transaction's head, read once (the log has one writer)
        if pending.head is None:
            last = self.session.execute(select(DecisionLogRow.seq, DecisionLogRow.hash)
                                        .order_by(DecisionLogRow.seq.desc()).limit(1)).first()
            pending.head = (last[0], last[1]) if last else (0, GENESIS)
        seq, prev = pending.head[0] + 1, pending.head[1]
        recorded_at = utcnow()
        digest = entry_hash(seq, at, recorded_at, subject_ref, case_id, kind, actor, detail, ref, correlation_id,
                            prev)
        entry = LogEntry(seq, at, recorded_at, subject_ref, case_id, kind, actor, detail, ref, correlation_id, prev,
                         digest)
        pending.log.append(vars(entry).copy())
        pending.head = (seq, digest)
        return entry

    def histories(self, case_ids: Iterable[str]) -> dict[str, list[CaseStep]]:
        """The cases' own steps (entries about the case, such as an inaction flag's resolution, are not steps)."""
        ids = list(case_ids)
        found: dict[str, list[CaseStep]] = {case_id: [] for case_id in ids}
        if ids:
            write_collected(self.session)
            refs = [f"case:{case_id}" for case_id in ids]
            rows = self.session.execute(select(DecisionLogRow).where(DecisionLogRow.case_id.in_(ids),
                                                                     DecisionLogRow.subject_ref.in_(refs))
                                        .order_by(DecisionLogRow.seq)).scalars()
            for r in rows:  # the case's own steps: subject_ref "case:<case_id>"
                found[r.subject_ref.removeprefix("case:")].append(CaseStep(
                    at=r.at, kind=StepKind(r.kind), actor=r.actor, detail=r.detail, ref=r.ref))
        return found

    def entries(self, *, after_seq: int = 0, limit: int = 100, case_id: str | None = None,
                subject_ref: str | None = None) -> list[LogEntry]:
        write_collected(self.session)
        query = select(DecisionLogRow).where(DecisionLogRow.seq > after_seq)
        if case_id is not None:
            query = query.where(DecisionLogRow.case_id == case_id)
        if subject_ref is not None:
            query = query.where(DecisionLogRow.subject_ref == subject_ref)
        rows = self.session.execute(query.order_by(DecisionLogRow.seq).limit(limit)).scalars()
        return [_entry(r) for r in rows]

    def verify(self, batch: int = 2000) -> ChainCheck:
        """Walk the whole chain in batches."""
        return verify(self._all(batch))

    def _all(self, batch: int) -> Iterator[LogEntry]:
        after = 0
        while page := self.entries(after_seq=after, limit=batch):
            yield from page
            after = page[-1].seq


def _entry(row: DecisionLogRow) -> LogEntry:
    return LogEntry(row.seq, row.at, row.recorded_at, row.subject_ref, row.case_id, row.kind, row.actor, row.detail,
                    row.ref, row.correlation_id, row.prev_hash, row.hash)
