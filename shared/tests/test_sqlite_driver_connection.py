"""`sqlite_driver_connection`: the driver's connection lent for the outbox relay's statements. A write block is one
transaction (committed at its end, rolled back when it raises) under the engine's write lock, so a session's write
waits for it as it waits for another session's; a read outside a transaction sees what was committed."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from ets_shared.persistence.engine import make_engine, make_session_factory, sqlite_driver_connection, sqlite_write_lock


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
