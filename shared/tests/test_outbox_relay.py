"""The outbox relay with a fake publisher (no NATS): commit order, partial acknowledgement, and a stop() that never
hangs when a wake-up coincides with the cancellation (Python 3.11's wait_for could swallow it)."""
from __future__ import annotations

import asyncio

import pytest

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
