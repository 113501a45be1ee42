"""Wires the verifier-oversight service: its tables, migrations, routes, policy, and the events it consumes and
publishes."""
from __future__ import annotations

from pathlib import Path

from ets_shared.contracts.verifier_oversight import (
    AgencyBlacklisted, AgencyEligibilityChanged, AgencyFiled, AgencyFilingChanged, AgencyViolationFound,
    EvaluationResultsPublished, TenderAwarded, VerificationAssigned, VerifierCertificateRevoked, VerifierCertified,
)
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from verifier_oversight.adapters.orm import OversightTable
from verifier_oversight.entrypoints import (
    http, http_assignments, http_evaluations, http_inspections, http_tenders, http_training,
)
from verifier_oversight.service_layer.handlers import EVENT_HANDLERS
from verifier_oversight.adapters.policy_repository import OversightPolicyDocument, check_policy, default_policy
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

NAME = "verifier-oversight"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Verifier oversight",
        description="Third-party verification agencies (M-13 ¶1, M-14, M-41, V): the public directory with history, "
                    "the yearly tender, training and work certificates, assignment of each entity's verification, "
                    "the panel's inspections drawn from real engagements, the versioned scoring table, the "
                    "year's evaluation with grades, ranking and the 5-year blacklist, and M-41 violations. The "
                    "per-year parameters are at GET/PUT /policy/{year}, the scoring table at /scoring-tables/{year}.",
        metadata=OversightTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[http.router, http_tenders.router, http_training.router, http_assignments.router,
                 http_inspections.router, http_evaluations.router],
        handlers=EVENT_HANDLERS,
        publishes=[AgencyFiled, AgencyFilingChanged, AgencyEligibilityChanged, TenderAwarded, VerifierCertified,
                   VerifierCertificateRevoked, VerificationAssigned, AgencyBlacklisted, EvaluationResultsPublished,
                   AgencyViolationFound],
        uow_class=OversightUnitOfWork,
        policy=(OversightPolicyDocument, default_policy, check_policy),
    )


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings or ServiceSettings.for_service(NAME))
