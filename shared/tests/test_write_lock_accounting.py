"""The write lock keeps account of itself (`persistence.write_lock`): how long each writer of the process waited for
it and held it, by the writer's name (`writer`: a group commit's thread, `consumer`, `relay`, `other`) — what a
service's `/metrics` shows and `ets bench --exchange` prints."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from ets_shared.clock import utcnow
from ets_shared.group_commit import GroupCommit
from ets_shared.messaging.outbox_relay import OutboxRelay
from ets_shared.observability.metrics import ServiceMetrics
from ets_shared.persistence.engine import make_engine, make_session_factory, sqlite_write_lock
from ets_shared.persistence.tables import OutboxMessage, PlatformTable
from ets_shared.persistence.write_lock import WriteLock, as_writer

from .test_metrics_batches import value


def take(lock: WriteLock) -> None:
    with lock:
        pass


def test_each_writer_s_wait_and_hold_are_counted_once_however_deep_it_holds(tmp_path):
    lock = WriteLock(tmp_path / "db.sqlite")
    held = threading.Event()

    def hold() -> None:
        with lock, lock:  # re-entrant: one hold
            held.set()
            time.sleep(0.15)
    holder = threading.Thread(target=as_writer, args=("exchange-sequencer", hold))
    holder.start()
    held.wait(5)
    as_writer("consumer", take, lock)  # waits for the holder
    holder.join()
    assert lock.held["exchange-sequencer"] >= 0.15 and lock.waited["exchange-sequencer"] < 0.1
    assert lock.waited["consumer"] >= 0.1 and lock.held["consumer"] < 0.1
    with lock:  # nobody named: `other`
        pass
    assert set(lock.held) == {"exchange-sequencer", "consumer", "other"}


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/writers.sqlite")
    PlatformTable.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE thing (n INTEGER)"))
    yield engine
    engine.dispose()


async def test_a_group_commit_s_thread_and_the_relay_are_named_in_the_account(engine):
    sessions = make_session_factory(engine)

    def write(items):
        with sessions() as session:
            session.execute(text("INSERT INTO thing VALUES (1)"))
            session.add(OutboxMessage(event_id="e1", subject="ets.test.thing.happened.v1", payload="{}",
                                      created_at=utcnow()))
            session.commit()
        return [None for _ in items]
    writer = GroupCommit(write, name="registry-transfers")
    try:
        await writer.answer("one")
    finally:
        writer.stop()

    async def publish(batch):
        return {message.event_id for message in batch}
    assert await OutboxRelay(sessions, publish).flush() == 1
    lock = sqlite_write_lock(engine)
    assert lock is not None and {"registry-transfers", "relay"} <= set(lock.held)
    metrics = ServiceMetrics("allocation")
    metrics.watch_write_lock(lock)
    metrics.update_state({"outbox_unpublished": 0}, {})
    assert value(metrics, "ets_write_lock_held_seconds", process="service",
                 writer="registry-transfers") == lock.held["registry-transfers"]
    assert value(metrics, "ets_write_lock_wait_seconds", process="service", writer="relay") == lock.waited["relay"]


def test_a_companion_s_account_comes_with_its_forwarded_counts(tmp_path):
    first, companion = ServiceMetrics("exchange"), ServiceMetrics("exchange")
    lock = WriteLock(tmp_path / "db.sqlite")
    as_writer("consumer", take, lock)
    companion.watch_write_lock(lock)
    sent: list[bytes] = []
    companion.forward_counts(sent.append)
    companion.count_consumed(["ets.allocation.registry-transfer.registered.v1"])
    for lines in sent:
        first.add_forwarded(lines)
    assert value(first, "ets_write_lock_held_seconds", process="companion", writer="consumer") == pytest.approx(
        lock.held["consumer"], abs=1e-4)
    assert value(first, "ets_write_lock_wait_seconds", process="companion", writer="consumer") is not None
    assert value(first, "ets_write_lock_held_seconds", process="service", writer="consumer") is None
