"""A consumed batch's inbox check (`SqlUnitOfWork.processed_among`, by `keys_present`: the ids as one JSON text on
SQLite's driver, one array parameter on PostgreSQL), on both: exactly the events of the batch the inbox holds
whatever the batch's size, with an id repeated in it, and none for an empty inbox — the same as SQLAlchemy's own IN."""
from __future__ import annotations

from ets_shared.clock import utcnow
from ets_shared.envelope import MessageContext
from ets_shared.ids import ordered_uuid
from sqlalchemy import select

from ets_shared.persistence.bulk import insert_rows
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import InboxMessage, PlatformTable
from ets_shared.unit_of_work import SqlUnitOfWork


def test_the_inbox_check_finds_exactly_the_batchs_applied_events(database_url):
    engine = make_engine(database_url("inbox"))
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    applied, new = [str(ordered_uuid()) for _ in range(30)], [str(ordered_uuid()) for _ in range(30)]

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, producer="allocation", context=MessageContext.new("test"))

    with uow() as empty:
        assert empty.processed_among(applied[:5]) == set()
    with sessions() as session:
        insert_rows(session, InboxMessage, [{"event_id": event_id, "subject": f"s.{n}", "correlation_id": "c",
                                             "processed_at": utcnow()} for n, event_id in enumerate(applied)])
        session.commit()
    with uow() as checking:
        for batch in ([applied[0]], [new[0]], applied[:10] + new[:10], new + applied + applied[:3], new[5:6] * 2):
            found = checking.processed_among(batch)
            column = InboxMessage.__table__.c.event_id
            with_in = set(checking.session.execute(select(column).where(column.in_(batch))).scalars())
            assert found == with_in == set(batch) & set(applied)
    engine.dispose()
