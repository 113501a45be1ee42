"""The mrv's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from mrv.adapters.determinations import DeterminationRecords
from mrv.adapters.monitoring_repository import MonitoringPlanRepository
from mrv.adapters.repository import ReportCaseRepository
from mrv.adapters.signatories import CoveredEntityRepository, SignatoryRepository


class MrvUnitOfWork(SqlUnitOfWork):
    reports: ReportCaseRepository
    determinations: DeterminationRecords
    signatories: SignatoryRepository
    entities: CoveredEntityRepository
    plans: MonitoringPlanRepository

    def _open(self) -> None:
        self.reports = ReportCaseRepository(self.session, lock=True)
        self.determinations = DeterminationRecords(self.session)
        self.signatories = SignatoryRepository(self.session)
        self.entities = CoveredEntityRepository(self.session)
        self.plans = MonitoringPlanRepository(self.session, lock=True)
