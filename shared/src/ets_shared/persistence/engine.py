"""Engines for the two supported databases.

SQLite (embedded default): WAL and synchronous=NORMAL (about twice the write throughput of the default, durable
across process crashes), a 30 s busy timeout, foreign keys on, and `BEGIN IMMEDIATE` for every write transaction so
two writers queue for the lock instead of failing on upgrade. Write transactions also take the database's write
lock (`write_lock.WriteLock`: a Python lock between threads, `flock` between processes) from their BEGIN until the
connection returns to the pool (after COMMIT/ROLLBACK): SQLite admits one writer at a time anyway, and queueing on
the lock avoids its busy handler's growing sleeps under concurrency. WAL checkpoints run in a thread of their own,
never in a commit (`checkpoints.Checkpointer`).
Read-only sessions (`make_session_factory(read_only=True)`) use a deferred BEGIN and never wait for writers.
PostgreSQL: psycopg 3, pre-ping, a small pool; its own row locks order concurrent writers.

`sqlite_driver_connection` lends the driver's own connection for a statement or two (the outbox relay's read and
stamp of every batch), under the same write lock and `BEGIN IMMEDIATE` as a session's write.
"""
from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ets_shared.persistence.checkpoints import Checkpointer
from ets_shared.persistence.write_lock import WriteLock

READ_ONLY_OPTION = "ets_read_only"
WRITE_LOCK_HELD = "ets_write_lock_held"
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, WriteLock] = weakref.WeakKeyDictionary()
_CHECKPOINTERS: weakref.WeakKeyDictionary[Engine, Checkpointer] = weakref.WeakKeyDictionary()


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` (as libpq tools write it) and select psycopg 3."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)


def _sqlite_pragmas(engine: Engine) -> None:
    database = engine.url.database
    file = None if database in (None, "", ":memory:") or database.startswith("file::memory:") else database
    checkpointer = None if file is None else Checkpointer(file)
    if checkpointer is not None:
        _CHECKPOINTERS[engine] = checkpointer
    # every write (a session's, a driver block's) ends in the lock's release, which tells the checkpointer
    write_lock = _WRITE_LOCKS[engine] = WriteLock(file, released=checkpointer.written if checkpointer else None)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below be the only one
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if checkpointer is not None:
            cur.execute("PRAGMA wal_autocheckpoint=0")  # never in a commit, under the write lock (`checkpoints`)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(READ_ONLY_OPTION, False):
            sqlite_run(conn, "BEGIN")
            return
        write_lock.acquire()
        conn.info[WRITE_LOCK_HELD] = conn.info.get(WRITE_LOCK_HELD, 0) + 1
        try:
            sqlite_run(conn, "BEGIN IMMEDIATE")
        except BaseException:
            _release(conn.info)
            raise

    def _release(info: dict) -> None:
        held = info.pop(WRITE_LOCK_HELD, 0)
        for _ in range(held):
            write_lock.release()

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_conn, record):  # after COMMIT/ROLLBACK: the next writer may go
        _release(record.info)


def sqlite_run(connection: Connection, statement: str, parameters: Any = ()) -> Any:
    """`connection.exec_driver_sql(statement, parameters)` on SQLite (a list of tuples: one executemany), straight on
    the driver's connection when nothing listens to the engine's statements (the tracing's `db` spans do): SQLAlchemy's
    execution context around each of a small write transaction's three or four statements (BEGIN, the inbox check,
    the outbox/audit/inbox inserts) cost 15 % of a consumed 20-event batch, 7 % of a produced one. A driver error is
    raised as SQLAlchemy raises it (an IntegrityError stays one: the inbox's race relies on it). Returns what
    iterates over the rows."""
    if connection.dispatch.before_cursor_execute:
        return connection.exec_driver_sql(statement, parameters)
    driver: Any = connection.connection.driver_connection
    many = isinstance(parameters, list)
    try:
        return driver.executemany(statement, parameters) if many else driver.execute(statement, parameters)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(statement, parameters, exc, sqlite3.Error, dialect=connection.dialect,
                                  ismulti=many) from exc


def sqlite_checkpointer(engine: Engine) -> Checkpointer | None:
    """The WAL checkpoints of an SQLite file engine made by `make_engine`; None for any other engine."""
    return _CHECKPOINTERS.get(engine)


def sqlite_write_lock(engine: Engine) -> WriteLock | None:
    """The lock the write transactions of an SQLite engine made by `make_engine` take; None for any other engine."""
    return _WRITE_LOCKS.get(engine)


@contextmanager
def sqlite_driver_connection(engine: Engine, *, write: bool = False) -> Iterator[Any]:
    """The `sqlite3` connection of an engine made by `make_engine`, checked out of its pool for a statement or two
    without a Session or a Connection around it (their setting up, events and teardown cost the outbox relay three
    times its statements, twice per batch). Outside a transaction each statement is one (the driver's autocommit:
    a read sees one snapshot). `write`: the block is one transaction, queued on the engine's write lock and begun
    with `BEGIN IMMEDIATE` as a session's write is, committed at its end and rolled back if it raises."""
    # the connection first, then the lock — the order a session's write takes them (checked out, then locked at its
    # BEGIN): locked first, this waited for a connection that the writers queued on the lock all held, until the
    # pool's timeout (30 s) — the mrv's relay with sixteen verifications in flight
    pooled = engine.raw_connection()
    try:
        connection: Any = pooled.driver_connection
        if not write:
            yield connection
            return
        lock = _WRITE_LOCKS[engine]
        lock.acquire()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            lock.release()
    finally:
        pooled.close()  # back to the pool (which rolls back whatever is still open)


def make_session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions for writes (SQLite: BEGIN IMMEDIATE) or, with `read_only`, for queries (a plain deferred BEGIN,
    so readers never queue behind writers in WAL mode)."""
    from sqlmodel import Session as SQLModelSession

    bind = engine.execution_options(**{READ_ONLY_OPTION: True}) if read_only else engine
    return sessionmaker(bind=bind, class_=SQLModelSession, expire_on_commit=False)
