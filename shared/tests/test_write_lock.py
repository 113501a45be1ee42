"""SQLite's write lock across processes (`persistence.write_lock`): a write transaction of one process queues behind
another process's without SQLite's busy handler (the exchange's companion process writes the same database)."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from ets_shared.persistence.engine import (
    make_engine, make_session_factory, sqlite_checkpointer, sqlite_driver_connection, sqlite_write_lock,
)
from ets_shared.persistence.write_lock import WriteLock

HOLD = """
import sys
from ets_shared.persistence.engine import make_engine, make_session_factory
from sqlalchemy import text
sessions = make_session_factory(make_engine(sys.argv[1]))
with sessions() as session:
    session.execute(text("INSERT INTO thing VALUES (1)"))
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes it
    session.commit()
"""


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path}/shared.sqlite"
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE thing (n INTEGER)"))
    engine.dispose()
    return url


def holding_process(url: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    return process


def test_a_write_waits_for_another_process_s_write_and_then_goes_at_once(url):
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    other = holding_process(url)
    lock = sqlite_write_lock(engine)
    assert lock is not None and not lock.acquire(blocking=False), "the other process holds the database's lock"
    done = threading.Event()
    waited: list[float] = []

    def write() -> None:
        started = time.monotonic()
        with sessions() as session:
            session.execute(text("INSERT INTO thing VALUES (2)"))
            session.commit()
        waited.append(time.monotonic() - started)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not done.wait(0.5), "the write began while the other process's transaction was open"
    released = time.monotonic()
    other.communicate("", timeout=10)  # the other process commits and ends
    assert done.wait(10) and other.returncode == 0
    assert time.monotonic() - released < 0.25, "queued on the lock, not on SQLite's busy handler's sleeps"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM thing ORDER BY rowid")).scalars().all() == [1, 2]
    writer.join()
    engine.dispose()


def test_the_lock_is_re_entrant_in_a_thread_and_its_file_is_beside_the_database(tmp_path):
    lock = WriteLock(tmp_path / "db.sqlite")
    assert lock.path == f"{(tmp_path / 'db.sqlite').resolve()}-writer.lock"
    with lock, lock:
        other = WriteLock(tmp_path / "db.sqlite")  # another holder of the same file (as another process is)
        assert not other.acquire(blocking=False)
    assert other.acquire(blocking=False), "released by the outermost hold"
    other.release()


def test_the_outermost_release_tells_that_a_write_ended_once(tmp_path):
    ended: list[int] = []
    lock = WriteLock(tmp_path / "db.sqlite", released=lambda: ended.append(1))
    with lock, lock:
        pass
    assert ended == [1]


def test_a_write_block_on_the_driver_tells_the_checkpointer_too(url):
    engine = make_engine(url)
    checkpointer = sqlite_checkpointer(engine)
    assert checkpointer is not None and checkpointer._thread is None, "nothing written yet"
    with sqlite_driver_connection(engine) as connection:  # a read: no write ended
        connection.execute("SELECT count(*) FROM thing").fetchall()
    assert checkpointer._thread is None
    with sqlite_driver_connection(engine, write=True) as connection:
        connection.execute("INSERT INTO thing VALUES (3)")
    assert checkpointer._thread is not None, "the write's end started the checkpoints"
    engine.dispose()


def test_an_in_memory_database_is_locked_between_threads_only():
    assert sqlite_write_lock(make_engine("sqlite://")).path is None
