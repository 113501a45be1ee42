"""SQLite's WAL checkpoints, off the commit path.

By default SQLite checkpoints in the commit that takes the WAL past 1,000 pages: that commit copies the WAL into the
database file and syncs it — several to tens of milliseconds — while its writer still holds the database's write
lock (`write_lock.WriteLock`, held until the connection is back in the pool). Every writer queued behind it waited
too: measured on the exchange, the order-entry batches that waited longest for the lock waited for a commit of the
settlement companion that was checkpointing (issue 5, sixth pass).

So commits never checkpoint (`PRAGMA wal_autocheckpoint=0` on every connection, `engine._on_connect`); after a write
transaction (the write lock's outermost release) the engine's `Checkpointer` is told, and its thread — after a short
pause, so one checkpoint serves the commits of a quarter second — runs `PRAGMA wal_checkpoint(PASSIVE)` on a
connection of its own. A passive checkpoint
takes no write lock and waits for nobody: writers go on while it copies, readers keep their snapshots, and what it
cannot copy yet the next one does. The thread ends after a few idle seconds (a test's many engines leave none
behind) and starts again with the next write. Several processes writing one database (the exchange and its
companion) each run one; SQLite lets one checkpoint run at a time and the other returns at once.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time

log = logging.getLogger("ets.persistence")


class Checkpointer:
    PAUSE_S = 0.25  # the commits of this long share a checkpoint
    IDLE_S = 5.0  # the thread ends after this long without a write

    def __init__(self, database: str) -> None:
        self.database = database
        self.checkpoints = 0  # run by this process
        self._written = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def written(self) -> None:
        """A write transaction ended (any thread, never blocks): a checkpoint is due soon."""
        self._written.set()
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="sqlite-checkpoints", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        connection = sqlite3.connect(self.database, timeout=0, isolation_level=None, check_same_thread=False)
        try:
            while True:
                if not self._written.wait(self.IDLE_S):
                    with self._lock:
                        if not self._written.is_set():
                            self._thread = None
                            return
                    continue
                time.sleep(self.PAUSE_S)
                self._written.clear()
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.checkpoints += 1
        except sqlite3.Error as error:  # the next write starts a thread again; a commit never depends on this one
            log.warning("WAL checkpoint of %s failed: %r", self.database, error)
            with self._lock:
                self._thread = None
        finally:
            connection.close()
