"""The mrv's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from ets_shared.envelope import MessageContext
from ets_shared.unit_of_work import SqlUnitOfWork
from mrv.adapters.determinations import DeterminationRecords
from mrv.adapters.impediment_repository import ImpedimentRepository
from mrv.adapters.monitoring_repository import MonitoringPlanRepository
from mrv.adapters.repository import ReportCaseRepository
from mrv.adapters.signatories import CoveredEntityRepository, SignatoryRepository


class MrvUnitOfWork(SqlUnitOfWork):
    reports: ReportCaseRepository
    determinations: DeterminationRecords
    signatories: SignatoryRepository
    entities: CoveredEntityRepository
    plans: MonitoringPlanRepository
    impediments: ImpedimentRepository

    def _open(self) -> None:
        self.reports = ReportCaseRepository(self.session, lock=True)
        self.determinations = DeterminationRecords(self.session)
        self.signatories = SignatoryRepository(self.session)
        self.entities = CoveredEntityRepository(self.session)
        self.plans = MonitoringPlanRepository(self.session, lock=True)
        self.impediments = ImpedimentRepository(self.session)

    def act_for(self, context: MessageContext) -> None:
        self.reports.write_collected()  # the previous event's, before its repositories are replaced
        super().act_for(context)

    def commit(self) -> None:
        self.reports.write_collected()  # report cases collected set-based (`ReportCaseRepository.collect_writes`)
        self.entities.write_pending()  # a consumed batch's new entities (`CoveredEntityRepository.record`)
        self.signatories.write_pending()  # and its new assignments (`SignatoryRepository.record_assignment`)
        super().commit()
