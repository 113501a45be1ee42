"""The exchange's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from exchange.adapters.repository import ApplicationRepository, MemberRepository


class ExchangeUnitOfWork(SqlUnitOfWork):
    members: MemberRepository
    applications: ApplicationRepository

    def _open(self) -> None:
        self.members = MemberRepository(self.session)
        self.applications = ApplicationRepository(self.session)
