"""The regulatory clock a unit of work reads (`SqlUnitOfWork.now`): read as a column, not loaded as an ORM object
(the load cost about a millisecond of every surrender group's transaction), and still current within the transaction:
a tick advanced in it — by this unit or another joining the same transaction — is what `now()` says afterwards."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from ets_shared.envelope import MessageContext
from ets_shared.persistence.tables import PlatformTable, RegulatoryClock
from ets_shared.unit_of_work import SharedTransaction, SqlUnitOfWork

T0 = datetime(2026, 6, 10, 2, tzinfo=timezone.utc)


@pytest.fixture
def sessions() -> sessionmaker:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    PlatformTable.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)


def uow(sessions, shared: SharedTransaction | None = None) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, producer="allocation", context=MessageContext.new("test"), shared=shared)


def loaded_clocks(session) -> list[object]:
    return [obj for obj in session.identity_map.values() if isinstance(obj, RegulatoryClock)]


def test_now_reads_the_clock_without_loading_its_row(sessions):
    with uow(sessions) as first:
        assert first.regulatory_now() is None  # no tick yet: the wall clock
        first.advance_clock(T0)
        first.commit()
    with uow(sessions) as reader:
        assert reader.now() == T0 and reader.now().tzinfo is not None
        assert loaded_clocks(reader.session) == []


def test_a_tick_advanced_in_the_transaction_is_what_now_says_afterwards(sessions):
    with uow(sessions) as first:
        first.advance_clock(T0)
        first.commit()
    with uow(sessions) as tick:
        assert tick.now() == T0
        assert tick.advance_clock(T0 + timedelta(hours=1))
        assert tick.now() == T0 + timedelta(hours=1)
    with SharedTransaction(sessions, on_commit=lambda: None) as shared:  # a group: units in savepoints
        with uow(sessions, shared) as reader:
            assert reader.now() == T0
            with uow(sessions, shared) as ticking:
                ticking.advance_clock(T0 + timedelta(hours=2))
                ticking.commit()
            assert reader.now() == T0 + timedelta(hours=2), "the other unit's change is seen, not the first read"


def test_the_first_tick_created_in_the_transaction_is_seen_by_another_unit(sessions):
    with SharedTransaction(sessions, on_commit=lambda: None) as shared:
        with uow(sessions, shared) as ticking:
            ticking.advance_clock(T0)
            ticking.commit()
            with uow(sessions, shared) as reader:
                assert reader.now() == T0
