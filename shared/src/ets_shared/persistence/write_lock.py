"""The write lock of an SQLite database file, shared by every thread and every process that writes it.

SQLite admits one writer at a time. A writer that finds the database locked waits in SQLite's busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25 … ms between its tries: under concurrency that is most of a write's latency. So a
write transaction first queues here — a Python lock between the threads of a process, then `flock` on a file beside
the database between processes (the kernel wakes the next waiter the moment the lock is released) — and its
`BEGIN IMMEDIATE` then finds the database free. One process pays two system calls per transaction; a service whose
writers are split over processes (the exchange's settlement companion, `ets_shared.companion`) queues them as one.

The lock is re-entrant within a thread (a transaction's connection may begin inside another's); the file lock is
taken by the outermost hold and released by it. Its file is `<database>-writer.lock`, never the database itself:
closing any descriptor of a file drops the process's POSIX locks on it, SQLite's own included.

The lock keeps account of itself: how long each writer of the process waited for it and held it (`waited`, `held`,
seconds since the process started, by the writer's name: a group commit's thread, `consumer`, `relay`, or `other`,
as the `writer` context variable says). A service's `/metrics` shows them (`ets_write_lock_wait_seconds`,
`ets_write_lock_held_seconds`) and `ets bench --exchange` prints them: at 5,000 orders/s the exchange's order entry
waited a quarter of its time for the lock its settlement held (issue 5's eighth pass).
"""
from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from time import perf_counter
from typing import Any, TypeVar

Result = TypeVar("Result")
# who takes the lock, for its accounting: a group commit's thread sets its name, a consumer's batch `consumer`, the
# outbox relay's stamp `relay` (`as_writer`); anything else (a request, a start-up) is `other`
writer: ContextVar[str] = ContextVar("ets_writer", default="other")


def as_writer(name: str, apply: Callable[..., Result], *args: Any) -> Result:
    """`apply(*args)` with its write transactions accounted to `name` (for `asyncio.to_thread`, which runs it in a
    copy of the caller's context: the name goes no further)."""
    token = writer.set(name)
    try:
        return apply(*args)
    finally:
        writer.reset(token)


class WriteLock:
    """`acquire()` / `release()` (and `with`), re-entrant per thread, across processes when it has a file."""

    __slots__ = ("_thread_lock", "_depth", "_path", "_fd", "_released", "waited", "held", "_holder", "_since")

    def __init__(self, database: str | os.PathLike[str] | None, released: Callable[[], None] | None = None) -> None:
        self._thread_lock = threading.RLock()
        self._released = released  # told after each outermost release: a write ended (the WAL's checkpoints)
        self._depth = 0  # holds by the owning thread (only it reads or writes this)
        self._path = None if database is None else f"{Path(database).resolve()}-writer.lock"
        self._fd = -1  # opened at the first hold: after any fork, in the process that writes
        # seconds each writer of this process waited for the lock and held it (written by the holder only)
        self.waited: dict[str, float] = {}
        self.held: dict[str, float] = {}
        self._holder = ""  # the writer holding it, and since when (perf_counter)
        self._since = 0.0

    @property
    def path(self) -> str | None:
        """The lock's file, or None: an in-memory database, locked between threads only."""
        return self._path

    def acquire(self, blocking: bool = True) -> bool:
        """Hold the lock (waiting for it, or with `blocking=False` answering False at once if another holds it)."""
        asked = perf_counter()
        if not self._thread_lock.acquire(blocking):
            return False
        if self._depth == 0:
            if self._path is not None:
                try:
                    if self._fd < 0:
                        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                    fcntl.flock(self._fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    self._thread_lock.release()
                    return False
                except BaseException:
                    self._thread_lock.release()
                    raise
            self._since = now = perf_counter()
            self._holder = holder = writer.get()
            self.waited[holder] = self.waited.get(holder, 0.0) + now - asked
        self._depth += 1
        return True

    def release(self) -> None:
        self._depth -= 1
        outermost = self._depth == 0
        if outermost:
            holder = self._holder
            self.held[holder] = self.held.get(holder, 0.0) + perf_counter() - self._since
            if self._fd >= 0:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()
        if outermost and self._released is not None:
            self._released()

    def __enter__(self) -> WriteLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
