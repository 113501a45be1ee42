"""The enforcement unit of work: the shared transaction (outbox, audit, inbox, clock) plus its repositories. On
PostgreSQL every write transaction first becomes the decision log's only writer (its hash chain has one head)."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
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
