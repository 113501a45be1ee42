"""Wires the mrv: its tables, migrations, routes, per-year policy, the events it consumes and publishes."""
from __future__ import annotations

from pathlib import Path

from ets_shared.contracts.mrv import (
    DeterminationOverdue, EmissionReportMissing, EmissionReportSubmitted, EmissionsDetermined, EmissionsDeterminedV2,
    MonitoringPlanFiled, MonitoringPlanMissing, RecheckOpened, VerificationFiled, VerificationImpeded,
    VerificationMissing,
)
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from mrv.adapters.orm import MrvTable
from mrv.entrypoints import http_impediments, http_monitoring, http_queue
from mrv.entrypoints.http import router as reports_router
from mrv.entrypoints.http_bulk import router as bulk_router
from mrv.entrypoints.http_signatories import router as signatories_router
from mrv.entrypoints.http_records import router as records_router
from mrv.service_layer.handlers import EVENT_HANDLERS
from mrv.service_layer.reports import on_policy_changed
from mrv.adapters.policy_repository import MrvPolicyModel
from mrv.service_layer.unit_of_work import MrvUnitOfWork

NAME = "mrv"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="MRV",
        description="Monitoring, reporting, verification and determination (M-11..M-15): monitoring plans, emission "
                    "reports computed with the year's factor set, verification by certified verifiers of eligible "
                    "agencies (V), the agency's records of impeded verification (M-38), re-checks on the M-15 ¶2 "
                    "triggers, the authority's determinations (its queue, in bulk, of entities that never reported "
                    "or were never verified), and every deadline missed on the way.",
        metadata=MrvTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[reports_router, records_router, signatories_router, http_queue.router, http_monitoring.router,
                 bulk_router, http_impediments.router],
        handlers=EVENT_HANDLERS,
        publishes=[EmissionReportSubmitted, VerificationFiled, RecheckOpened, EmissionsDetermined,
                   EmissionsDeterminedV2, MonitoringPlanFiled, MonitoringPlanMissing, EmissionReportMissing,
                   VerificationMissing, DeterminationOverdue, VerificationImpeded],
        uow_class=MrvUnitOfWork,
        policy=(MrvPolicyModel, MrvPolicyModel.default, on_policy_changed),
    )


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings or ServiceSettings.for_service(NAME))
