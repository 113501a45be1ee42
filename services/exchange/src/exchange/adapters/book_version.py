"""The order books' version (`order_book_version`, one row): how many commands that keep the books have changed the
open orders. Each exchange process keeps the books in memory; before it matches it reads the version in its
transaction — on PostgreSQL locking the row, so the commands of every process that keep the books take their turns
(on SQLite the write transaction holds the database's one write lock already) — and rebuilds its books when another
process has changed them since. A command that changed them counts itself in the same transaction (`bump`)."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ets_shared.persistence.engine import sqlite_run

_READ = "SELECT version FROM order_book_version WHERE id = 1"
_BUMP = ("INSERT INTO order_book_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE "
         "SET version = order_book_version.version + 1 RETURNING version")


def _run(session: Session, statement: str) -> Any:
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return sqlite_run(connection, statement)
    return connection.exec_driver_sql(statement)


def read(session: Session, *, lock: bool) -> int:
    """The version now (0 before any command changed the books); `lock`: the row stays locked to the end of the
    transaction (PostgreSQL; a reader of the books passes False)."""
    on_sqlite = session.connection().dialect.name == "sqlite"
    row = _run(session, _READ if on_sqlite or not lock else f"{_READ} FOR UPDATE").fetchone()
    return int(row[0]) if row else 0


def bump(session: Session) -> int:
    """Count a change of the open orders in this transaction: the new version."""
    return int(_run(session, _BUMP).fetchone()[0])
