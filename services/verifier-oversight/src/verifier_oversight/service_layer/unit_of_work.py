"""The verifier-oversight unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from verifier_oversight.adapters.evaluation_repository import EvaluationRepository, InspectionRepository
from verifier_oversight.adapters.repository import AgencyRepository, VerifierRepository


class OversightUnitOfWork(SqlUnitOfWork):
    agencies: AgencyRepository
    verifiers: VerifierRepository
    evaluations: EvaluationRepository
    inspections: InspectionRepository

    def _open(self) -> None:
        self.agencies = AgencyRepository(self.session)
        self.verifiers = VerifierRepository(self.session)
        self.evaluations = EvaluationRepository(self.session)
        self.inspections = InspectionRepository(self.session)
