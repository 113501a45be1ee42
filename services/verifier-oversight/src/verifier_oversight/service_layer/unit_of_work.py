"""The verifier-oversight unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from verifier_oversight.adapters.assignment_repository import AssignmentRepository
from verifier_oversight.adapters.evaluation_repository import (
    EvaluationRepository, InspectionRepository, PanelRepository, ScoringTableRepository,
)
from verifier_oversight.adapters.repository import AgencyRepository, VerifierRepository
from verifier_oversight.adapters.tender_repository import TenderRepository


class OversightUnitOfWork(SqlUnitOfWork):
    agencies: AgencyRepository
    verifiers: VerifierRepository
    tenders: TenderRepository
    assignments: AssignmentRepository
    scoring: ScoringTableRepository
    evaluations: EvaluationRepository
    panel: PanelRepository
    inspections: InspectionRepository

    def _open(self) -> None:
        self.agencies = AgencyRepository(self.session)
        self.verifiers = VerifierRepository(self.session)
        self.tenders = TenderRepository(self.session)
        self.assignments = AssignmentRepository(self.session)
        self.scoring = ScoringTableRepository(self.session)
        self.evaluations = EvaluationRepository(self.session)
        self.panel = PanelRepository(self.session)
        self.inspections = InspectionRepository(self.session)

    def commit(self) -> None:
        self.run_deferred()
        self.assignments.write_progress()  # the engagements' progress set by the transaction's events
        super().commit()

    def rollback(self) -> None:
        self.assignments.forget_pending()
        super().rollback()

    def __exit__(self, *exc: object) -> None:
        self.assignments.forget_pending()  # after a commit nothing is pending; otherwise it is undone
        super().__exit__(*exc)
