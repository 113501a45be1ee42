"""Consumer contract tests: every service's subscriber accepts the producer's example of each event it consumes,
applies it once (inbox), and dead-letters nothing. Runs each service's real handlers on a migrated SQLite
database, with FastStream's TestNatsBroker in place of a server."""
from __future__ import annotations

import importlib

import pytest
from faststream.nats import TestNatsBroker
from sqlalchemy import func, select

from ets_shared.envelope import MessageContext, wrap
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import DeadLetter, InboxMessage
from ets_shared.settings import SERVICE_PORTS, ServiceSettings

pytestmark = pytest.mark.asyncio


def bootstrap(service: str):
    return importlib.import_module(f"{service.replace('-', '_')}.bootstrap")


CASES = [(service, contract) for service in SERVICE_PORTS for contract in bootstrap(service).definition().handlers]


def test_every_service_consumes_at_least_the_events_of_the_chain():
    consumed = {(s, c.contract.subject) for s, c in CASES}
    for expected in [("mrv", "ets.verifier-oversight.agency.eligibility-changed.v1"),
                     ("allocation", "ets.mrv.determination.made.v2"),
                     ("allocation", "ets.calendar.tick.v1"),
                     ("mrv", "ets.allocation.entity.registered.v1"),
                     ("enforcement", "ets.allocation.obligation.shortfall-detected.v1"),
                     ("enforcement", "ets.allocation.obligation.shortfall-revised.v1"),
                     ("enforcement", "ets.allocation.obligation.settled.v1"),
                     ("enforcement", "ets.mrv.report.missing.v1"),
                     ("enforcement", "ets.mrv.monitoring-plan.missing.v1"),
                     ("enforcement", "ets.mrv.verification.impeded.v1"),
                     ("enforcement", "ets.verifier-oversight.agency.violation-found.v1"),
                     ("enforcement", "ets.mrv.determination.overdue.v1"),
                     ("enforcement", "ets.mrv.determination.made.v2")]:
        assert expected in consumed


@pytest.mark.parametrize(("service", "contract"), CASES,
                         ids=[f"{s}<-{c.contract.subject}" for s, c in CASES])
async def test_consumer_accepts_the_producers_example(service, contract, tmp_path):
    settings = ServiceSettings.for_service(service, database_url=f"sqlite:///{tmp_path}/{service}.sqlite",
                                           nats_url="nats://127.0.0.1:1")
    runtime = bootstrap(service).build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    envelope = wrap(contract.example(), producer=contract.contract.producer, context=MessageContext.new("contract"))
    async with TestNatsBroker(runtime.broker) as broker:
        await broker.publish(envelope.model_dump_json().encode(), contract.contract.subject)
    with runtime.session_factory() as session:
        letters = session.execute(select(DeadLetter.error)).scalars().all()
        assert letters == [], f"{service} dead-lettered the example of {contract.contract.subject}: {letters}"
        assert session.get(InboxMessage, str(envelope.event_id)) is not None
        assert session.execute(select(func.count()).select_from(InboxMessage)).scalar_one() == 1
    runtime.engine.dispose()
