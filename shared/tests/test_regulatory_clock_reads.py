"""The regulatory clock as a unit of work reads it (`SqlUnitOfWork.now`, `_read_clock`): on SQLite straight on the
driver, elsewhere through the connection — the same value SQLAlchemy's own execution of the statement gives (an aware
UTC datetime, None before the first tick), on either database, after writing what the session holds pending as the
session's `execute` wrote it (a statement on the connection afterwards sees it). And read afresh in every
transaction, never kept in the process: a tick another process commits to the shared database is what the next
transaction says."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, update

from ets_shared.envelope import MessageContext
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.clock import utcnow
from ets_shared.persistence.tables import InboxMessage, PlatformTable, RegulatoryClock
from ets_shared.unit_of_work import _CLOCK_NOW, SqlUnitOfWork, _read_clock

T0 = datetime(2026, 6, 10, 2, 30, 15, 123456, tzinfo=timezone.utc)


def test_the_clock_read_is_what_sqlalchemy_reads_and_a_tick_of_another_process_is_seen_next(database_url):
    url = database_url("clock")
    engine, other_process = make_engine(url), make_engine(url)
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, producer="allocation", context=MessageContext.new("test"))

    with uow() as before:
        assert _read_clock(before.session) is None
        assert before.regulatory_now() is None
        assert before.session.execute(_CLOCK_NOW).scalar_one_or_none() is None
        before.advance_clock(T0)
        before.commit()
    with uow() as reader:
        read = reader.now()
        expected = reader.session.execute(_CLOCK_NOW).scalar_one()
        assert (read, type(read), read.utcoffset()) == (expected, type(expected), timedelta(0)) == (
            T0, datetime, timedelta(0))
    with make_session_factory(other_process)() as session:  # another replica applies the next tick
        session.execute(update(RegulatoryClock.__table__).values(now=T0 + timedelta(days=1)))
        session.commit()
    with uow() as after:
        assert after.now() == T0 + timedelta(days=1)
    other_process.dispose()
    engine.dispose()


def test_what_the_session_holds_pending_is_written_before_the_clock_is_read(database_url):
    engine = make_engine(database_url("clock"))
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    inbox = select(func.count()).select_from(InboxMessage.__table__)
    for autoflush in (True, False):
        with SqlUnitOfWork(sessions, producer="allocation", context=MessageContext.new("test")) as uow:
            uow.session.autoflush = autoflush
            uow.session.add(InboxMessage(event_id="E-1", subject="s", correlation_id="c", processed_at=utcnow()))
            uow.now()
            assert uow.session.connection().execute(inbox).scalar_one() == (1 if autoflush else 0)
    engine.dispose()
