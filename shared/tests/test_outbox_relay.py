"""The outbox relay with a fake publisher (no NATS): commit order, partial acknowledgement, and a stop() that never
hangs when a wake-up coincides with the cancellation (Python 3.11's wait_for could swallow it)."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from ets_shared.clock import utcnow
from ets_shared.messaging.outbox_relay import OutboxRelay
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import OutboxMessage, PlatformTable

pytestmark = pytest.mark.asyncio


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/outbox.sqlite")
    PlatformTable.metadata.create_all(engine)  # a scratch table for this test only; services migrate
    yield make_session_factory(engine)
    engine.dispose()


def add_rows(sessions, n: int, start: int = 0) -> None:
    with sessions() as session:
        for i in range(start, start + n):
            session.add(OutboxMessage(event_id=f"e{i:04d}", subject="ets.test.thing.happened.v1",
                                      payload=f'{{"n":{i}}}', created_at=utcnow()))
        session.commit()


class FakePublisher:
    def __init__(self, refuse: set[str] = frozenset()) -> None:
        self.sent: list[str] = []
        self.refuse = set(refuse)

    async def __call__(self, batch):
        self.sent += [m.event_id for m in batch]
        return {m.event_id for m in batch} - self.refuse


async def test_relay_publishes_in_commit_order_in_batches(sessions):
    add_rows(sessions, 25)
    publisher = FakePublisher()
    relay = OutboxRelay(sessions, publisher, batch_size=10)
    assert await relay.flush() == 25
    assert publisher.sent == [f"e{i:04d}" for i in range(25)]
    assert await relay.flush() == 0, "published rows are stamped and not sent again"


async def test_unacknowledged_rows_stay_for_the_next_attempt(sessions):
    add_rows(sessions, 3)
    relay = OutboxRelay(sessions, FakePublisher(refuse={"e0001"}))
    with pytest.raises(RuntimeError, match="not acknowledged"):
        await relay.flush()
    retry = FakePublisher()
    assert await OutboxRelay(sessions, retry).flush() == 1 and retry.sent == ["e0001"]


async def test_stop_returns_even_when_a_wake_up_coincides_with_it(sessions):
    for _ in range(200):
        relay = OutboxRelay(sessions, FakePublisher(), poll_seconds=0.5, linger_seconds=0)
        await relay.start()
        await asyncio.sleep(0)
        relay.wake()
        await asyncio.wait_for(relay.stop(), timeout=2)


@pytest.fixture
def any_sessions(database_url):
    engine = make_engine(database_url("relay"))
    PlatformTable.metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def outbox(sessions) -> dict[str, object]:
    """Each row's publication stamp, by event id."""
    with sessions() as session:
        rows = session.execute(select(OutboxMessage).order_by(OutboxMessage.seq)).scalars()
        return {row.event_id: row.published_at for row in rows}


class CommittingPublisher(FakePublisher):
    """Commits more rows while its first batch is out (a request committing during a publish)."""

    def __init__(self, sessions) -> None:
        super().__init__()
        self.sessions, self.calls = sessions, 0

    async def __call__(self, batch):
        self.calls += 1
        if self.calls == 1:
            add_rows(self.sessions, 3, start=100)
        return await super().__call__(batch)


async def test_rows_committed_while_a_batch_is_out_are_published_next_once_and_in_order(any_sessions):
    """The stamp of a wholly acknowledged batch (on SQLite the range of its `seq`) covers that batch only: rows
    committed while it was out stay unpublished and go out at the next flush, each once."""
    add_rows(any_sessions, 5)
    publisher = CommittingPublisher(any_sessions)
    relay = OutboxRelay(any_sessions, publisher)
    assert await relay.flush() == 5
    assert [e for e, at in outbox(any_sessions).items() if at is None] == ["e0100", "e0101", "e0102"]
    assert await relay.flush() == 3
    assert await relay.flush() == 0
    assert publisher.sent == [f"e{i:04d}" for i in (*range(5), 100, 101, 102)]
    assert None not in outbox(any_sessions).values()


async def test_rows_left_unpublished_around_published_ones_go_out_and_stamps_stay(any_sessions):
    """Rows left unpublished (a crash, a partly acknowledged batch) between rows already stamped are published in
    `seq` order, and the stamped rows inside the batch's range keep their stamps (they are not published again)."""
    add_rows(any_sessions, 10)
    earlier = utcnow()
    with any_sessions() as session:
        for row in session.execute(select(OutboxMessage).where(
                OutboxMessage.event_id.in_(["e0003", "e0004", "e0007"]))).scalars():
            row.published_at = earlier
        session.commit()
    publisher = FakePublisher()
    assert await OutboxRelay(any_sessions, publisher, batch_size=4).flush() == 7
    assert publisher.sent == ["e0000", "e0001", "e0002", "e0005", "e0006", "e0008", "e0009"]
    stamps = outbox(any_sessions)
    assert None not in stamps.values()
    assert [stamps[e] for e in ("e0003", "e0004", "e0007")] == [earlier] * 3


async def test_a_refused_row_inside_an_acknowledged_range_stays_unpublished(any_sessions):
    add_rows(any_sessions, 4)
    with pytest.raises(RuntimeError, match="not acknowledged"):
        await OutboxRelay(any_sessions, FakePublisher(refuse={"e0002"})).flush()
    assert [e for e, at in outbox(any_sessions).items() if at is None] == ["e0002"]
    retry = FakePublisher()
    assert await OutboxRelay(any_sessions, retry).flush() == 1 and retry.sent == ["e0002"]
