"""SQLite's statements on the driver's connection. `sqlite_driver_connection`, lent for the outbox relay's statements:
a write block is one transaction (committed at its end, rolled back when it raises) under the engine's write lock, so
a session's write waits for it as it waits for another session's. `sqlite_run`, a session's BEGIN and bulk statements:
errors raised as SQLAlchemy raises them, and through SQLAlchemy whenever something listens to the statements."""
from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError, TimeoutError as SATimeoutError

from ets_shared.clock import utcnow
from ets_shared.persistence.bulk import insert_rows, keys_present
from ets_shared.persistence.engine import make_engine, make_session_factory, sqlite_driver_connection, sqlite_write_lock
from ets_shared.persistence.tables import InboxMessage, PlatformTable


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/driver.sqlite")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE thing (n INTEGER)")
    yield engine
    engine.dispose()


def count(engine) -> int:
    with sqlite_driver_connection(engine) as connection:
        return connection.execute("SELECT count(*) FROM thing").fetchone()[0]


def test_a_write_block_commits_at_its_end_and_rolls_back_when_it_raises(engine):
    with sqlite_driver_connection(engine, write=True) as connection:
        connection.execute("INSERT INTO thing VALUES (1)")
    assert count(engine) == 1
    with pytest.raises(RuntimeError), sqlite_driver_connection(engine, write=True) as connection:
        connection.execute("INSERT INTO thing VALUES (2)")
        raise RuntimeError("refused")
    assert count(engine) == 1, "the failed block's row was rolled back"
    lock = sqlite_write_lock(engine)
    assert lock is not None and lock.acquire(blocking=False), "and the write lock released"
    lock.release()


def test_a_session_write_waits_for_a_write_block(engine):
    sessions = make_session_factory(engine)
    done = threading.Event()

    def session_write() -> None:
        with sessions() as session:
            session.execute(text("INSERT INTO thing VALUES (3)"))
            session.commit()
        done.set()

    with sqlite_driver_connection(engine, write=True) as connection:
        connection.execute("INSERT INTO thing VALUES (4)")
        writer = threading.Thread(target=session_write)
        writer.start()
        assert not done.wait(0.3), "the session's write began while the block held the lock"
    writer.join(5)
    assert done.is_set() and count(engine) == 2


def test_only_engines_of_make_engine_have_a_write_lock(tmp_path):
    assert sqlite_write_lock(create_engine(f"sqlite:///{tmp_path}/other.sqlite")) is None


def inbox_row(event_id: str) -> dict:
    return {"event_id": event_id, "subject": "ets.test.thing.happened.v1", "correlation_id": "c",
            "processed_at": utcnow()}


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/rows.sqlite")
    PlatformTable.metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(sessions):
    """The inbox's race (two consumers applying one event) is told by SQLAlchemy's IntegrityError."""
    with sessions() as session:
        insert_rows(session, InboxMessage, [inbox_row("e1")])
        session.commit()
    with sessions() as session:
        with pytest.raises(IntegrityError):
            insert_rows(session, InboxMessage, [inbox_row("e2"), inbox_row("e1")])
        session.rollback()
        assert keys_present(session, InboxMessage, "event_id", ["e1", "e2"]) == {"e1"}


def test_statements_go_through_sqlalchemy_while_something_listens_to_them(sessions):
    """Tracing's `db` spans listen to every statement: with a listener, none bypasses it."""
    engine = sessions.kw["bind"]
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement.split()[0])

    event.listen(engine, "before_cursor_execute", listener)
    with sessions() as session:
        insert_rows(session, InboxMessage, [inbox_row("e1"), inbox_row("e2")])
        assert keys_present(session, InboxMessage, "event_id", ["e1", "e3"]) == {"e1"}
        session.commit()
    assert seen == ["BEGIN", "INSERT", "SELECT"]
    event.remove(engine, "before_cursor_execute", listener)
    seen.clear()
    with sessions() as session:
        insert_rows(session, InboxMessage, [inbox_row("e3")])
        session.commit()
    assert seen == [] and count_inbox(sessions) == 3


def count_inbox(sessions) -> int:
    with sessions() as session:
        return len(keys_present(session, InboxMessage, "event_id", ["e1", "e2", "e3", "e4"]))


def test_a_write_block_waiting_for_a_connection_does_not_hold_the_write_lock(engine):
    """Locked first, a write block waited for a connection that writers queued on the lock all held — until the
    pool's 30 s timeout (the mrv's relay with sixteen verifications in flight). It takes the connection first, as a
    session's write does (checked out, then locked at its BEGIN)."""
    held = []
    pool: Any = engine.pool
    pool._timeout = 0.2  # QueuePool's wait for a connection, made short to find the pool's end
    while True:  # every connection of the pool checked out, as by writers waiting for the lock
        try:
            held.append(pool.connect())
        except SATimeoutError:
            break
        assert len(held) <= 100, "the pool never ran out"
    pool._timeout = 30.0
    done = threading.Event()

    def relay_flush() -> None:
        with sqlite_driver_connection(engine, write=True) as connection:
            connection.execute("INSERT INTO thing VALUES (9)")
        done.set()

    flusher = threading.Thread(target=relay_flush)
    flusher.start()
    time.sleep(0.3)
    lock = sqlite_write_lock(engine)
    assert lock is not None and lock.acquire(blocking=False), "the block held the lock while it waited"
    lock.release()
    for connection in held:
        connection.close()
    assert done.wait(10) and count(engine) == 1
    flusher.join()
