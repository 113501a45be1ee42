"""The enforcement unit of work: the shared transaction (outbox, audit, inbox, clock) plus its repositories."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from enforcement.adapters.repository import CaseRepository


class EnforcementUnitOfWork(SqlUnitOfWork):
    cases: CaseRepository

    def _open(self) -> None:
        self.cases = CaseRepository(self.session, lock=True)
