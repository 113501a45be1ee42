"""The enforcement unit of work: the shared transaction (outbox, audit, inbox, clock) plus its repositories. On
PostgreSQL every write transaction first becomes the decision log's only writer (its hash chain has one head). New
case rows and decision-log entries are collected across the events of a consumed batch and written at the commit
(`adapters.collected_writes`); a rollback drops them."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from enforcement.adapters.collected_writes import discard_collected, write_collected
from enforcement.adapters.decision_log import DecisionLog
from enforcement.adapters.inaction_repository import InactionFlags
from enforcement.adapters.repository import CaseRepository


class EnforcementUnitOfWork(SqlUnitOfWork):
    log: DecisionLog
    cases: CaseRepository
    flags: InactionFlags

    def _open(self) -> None:
        self.log = DecisionLog(self.session)
        self.log.lock()
        self.cases = CaseRepository(self.session, self.log, lock=True)
        self.flags = InactionFlags(self.session)

    def commit(self) -> None:
        write_collected(self.session)
        discard_collected(self.session)  # the log's head too: the next transaction reads it again
        super().commit()

    def rollback(self) -> None:
        discard_collected(self.session)
        super().rollback()

    def __exit__(self, *exc: object) -> None:
        discard_collected(self.session)  # not committed: nothing collected is written
        super().__exit__(*exc)
