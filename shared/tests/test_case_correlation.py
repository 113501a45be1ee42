"""The compliance case's correlation id travels one way: the producer names the case in the contract
(`CaseEventData.correlation_id`, from the aggregate's own field) and the envelope and audit record follow it."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from ets_shared.contracts.mrv import MonitoringPlanMissing
from ets_shared.envelope import MessageContext
from ets_shared.persistence.tables import AuditRecord, OutboxMessage
from ets_shared.unit_of_work import SqlUnitOfWork

MISSING = {"entity_id": "E-1", "compliance_year": 2026, "due_on": "2025-12-31", "found_at": "2026-01-01T00:00:00Z"}


@pytest.fixture
def sessions() -> sessionmaker:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    OutboxMessage.metadata.create_all(engine)
    return sessionmaker(engine)


@pytest.fixture
def uow_for(sessions):
    def make(correlation_id: str) -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, producer="mrv", context=MessageContext.new("clock", correlation_id))

    return make


def test_a_case_event_carries_its_case_in_the_contract_and_the_envelope(uow_for, sessions):
    with uow_for("tick-1") as uow:
        envelope = uow.publish(MonitoringPlanMissing(**MISSING, correlation_id="case-E-1-2026"))
        uow.commit()
    assert (envelope.correlation_id, envelope.data.correlation_id) == ("case-E-1-2026", "case-E-1-2026")
    assert envelope.causation_id == "tick-1"  # the tick that found it is the cause, not the case
    with sessions() as session:
        assert list(session.execute(select(AuditRecord.correlation_id)).scalars()) == ["case-E-1-2026"]
        subjects = list(session.execute(select(OutboxMessage.subject)).scalars())
        assert subjects == [MonitoringPlanMissing.contract.subject]


def test_a_case_event_without_its_case_belongs_to_the_acting_case(uow_for):
    with uow_for("case-E-2-2026") as uow:
        envelope = uow.publish(MonitoringPlanMissing(**MISSING))
    assert (envelope.correlation_id, envelope.data.correlation_id) == ("case-E-2-2026", "case-E-2-2026")


def test_a_case_event_cannot_be_published_under_another_case(uow_for):
    with uow_for("tick-1") as uow, pytest.raises(ValueError, match="under another case"):
        uow.publish(MonitoringPlanMissing(**MISSING, correlation_id="case-A"), correlation_id="case-B")
