"""Wires the exchange: its tables, migrations, routes, the events it consumes and publishes."""
from __future__ import annotations

from pathlib import Path

from ets_shared.contracts.exchange import MemberAdmitted
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from exchange.adapters.orm import ExchangeTable
from exchange.entrypoints.http import router
from exchange.service_layer.handlers import EVENT_HANDLERS
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

NAME = "exchange"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Exchange",
        description="The carbon exchange (SEEE, M-19..M-30): members now; order books, agreement transfers, "
                    "settlement and surveillance with the trading issue.",
        metadata=ExchangeTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[router],
        handlers=EVENT_HANDLERS,
        publishes=[MemberAdmitted],
        uow_class=ExchangeUnitOfWork,
    )


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings or ServiceSettings.for_service(NAME))
