"""SQLite's WAL checkpoints off the commit path (`persistence.checkpoints`): no commit checkpoints while it holds the
write lock; a thread of the engine's checkpoints passively after writes, and ends when the writes stop."""
from __future__ import annotations

import os
import time

from sqlalchemy import text

from ets_shared.persistence.engine import make_engine, make_session_factory, sqlite_checkpointer


def eventually(check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.05)


def write(sessions, rows: int) -> None:
    with sessions() as session:
        session.execute(text("INSERT INTO thing (body) VALUES (:body)"), [{"body": "x" * 4000}] * rows)
        session.commit()


def test_commits_never_checkpoint_and_the_checkpointer_does_after_them(tmp_path):
    database = tmp_path / "wal.sqlite"
    engine = make_engine(f"sqlite:///{database}")
    sessions = make_session_factory(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE thing (n INTEGER PRIMARY KEY, body TEXT)"))
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    checkpointer = sqlite_checkpointer(engine)
    assert checkpointer is not None
    before = os.path.getsize(database)
    for _ in range(3):
        write(sessions, 1500)  # ~6 MB each: past SQLite's 1,000-page default, which would checkpoint in the commit
    eventually(lambda: checkpointer.checkpoints >= 1 and os.path.getsize(database) > before + 10_000_000,
                     timeout=10)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM thing").scalar() == 4500
    engine.dispose()


def test_the_checkpoint_thread_ends_when_idle_and_starts_again_with_the_next_write(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'idle.sqlite'}")
    sessions = make_session_factory(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE thing (n INTEGER PRIMARY KEY, body TEXT)"))
    checkpointer = sqlite_checkpointer(engine)
    assert checkpointer is not None
    checkpointer.IDLE_S = 0.2
    write(sessions, 10)
    eventually(lambda: checkpointer._thread is None and checkpointer.checkpoints >= 1, timeout=10)
    done = checkpointer.checkpoints
    time.sleep(0.3)
    assert checkpointer._thread is None and checkpointer.checkpoints == done, "no write, no checkpoint, no thread"
    write(sessions, 10)
    eventually(lambda: checkpointer.checkpoints > done, timeout=10)
    engine.dispose()


def test_an_in_memory_database_has_no_checkpointer():
    assert sqlite_checkpointer(make_engine("sqlite://")) is None
