"""Wires the verifier-oversight service: its tables, migrations, routes, policy, and the events it consumes and
publishes."""
from __future__ import annotations

from pathlib import Path

from ets_shared.contracts.verifier_oversight import (
    AgencyEligibilityChanged, AgencyFiled, VerifierCertificateRevoked, VerifierCertified,
)
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from verifier_oversight.adapters.orm import OversightTable
from verifier_oversight.entrypoints.http import routers
from verifier_oversight.service_layer.handlers import EVENT_HANDLERS
from verifier_oversight.service_layer.policy import OversightPolicyDocument, default_policy
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

NAME = "verifier-oversight"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Verifier oversight",
        description="Third-party verification agencies (M-14, V): filing and public directory, yearly tender "
                    "selection, verifier work certificates, on-site inspections, the 100-point evaluation, grades "
                    "and the 5-year blacklist. The per-year parameters are at GET/PUT /policy/{year}.",
        metadata=OversightTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=routers,
        handlers=EVENT_HANDLERS,
        publishes=[AgencyFiled, AgencyEligibilityChanged, VerifierCertified, VerifierCertificateRevoked],
        uow_class=OversightUnitOfWork,
        policy=(OversightPolicyDocument, default_policy),
    )


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings or ServiceSettings.for_service(NAME))
