"""Wires the enforcement service: its tables, migrations, routes, policy, the events it consumes and publishes."""
from __future__ import annotations

from pathlib import Path

from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from enforcement.adapters.orm import EnforcementTable
from enforcement.entrypoints import http, http_accountability, http_departments, http_public, http_reviews
from enforcement.adapters.policy_repository import EnforcementPolicyModel, default_policy
from enforcement.service_layer.cases import reschedule_for_policy
from enforcement.service_layer.handlers import EVENT_HANDLERS
from enforcement.service_layer.publishing import PUBLISHES
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

NAME = "enforcement"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Enforcement",
        description="Penalty cases of the Measures (§8: M-37 to M-39, M-41, M-42), opened by themselves from every "
                    "violation another service reports: orders with deadlines, fines within inclusive ranges with "
                    "four eyes, service and payment, objections and appeals, M-40 measures (credit record, "
                    "department notices, publication, lost eligibility) with their windows, the department query "
                    "API, public disclosure, and the M-43 hash-chained decision log and inaction flags. Every step "
                    "is an event under the compliance case's correlation id.",
        metadata=EnforcementTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[http.router, http_reviews.router, http_departments.router, http_public.router,
                 http_accountability.router],
        policy=(EnforcementPolicyModel, default_policy, reschedule_for_policy),
        handlers=EVENT_HANDLERS,
        publishes=PUBLISHES,
        uow_class=EnforcementUnitOfWork,
    )


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings or ServiceSettings.for_service(NAME))
