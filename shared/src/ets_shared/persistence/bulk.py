"""Multi-row writes straight to a table (SQLAlchemy Core). Passing an ORM class to `insert()`/`update()` with a list
of rows takes the ORM's bulk path, which here cost several times the statement itself (0.8 ms for a one-row INSERT
in a surrender); the table's Core statement does the same work."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, and_, bindparam, insert, update
from sqlalchemy.orm import Session


def table_of(model: Any) -> Table:
    return model.__table__ if hasattr(model, "__table__") else model


def insert_rows(session: Session, model: Any, rows: list[Mapping[str, Any]]) -> None:
    """INSERT every row (dicts of column values) in one executemany."""
    if rows:
        session.execute(insert(table_of(model)), rows)


def update_rows(session: Session, model: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """UPDATE rows by primary key: each dict holds the primary key columns and the columns to set. Rows that set the
    same columns go in one executemany."""
    table = table_of(model)
    keys = [c.name for c in table.primary_key.columns]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        columns = tuple(sorted(k for k in row if k not in keys))
        groups.setdefault(columns, []).append({f"pk_{k}" if k in keys else f"v_{k}": v for k, v in row.items()})
    for columns, params in groups.items():
        if columns:
            session.execute(_update_statement(table, tuple(keys), columns), params)


@lru_cache(maxsize=256)
def _update_statement(table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    """Built once per table and set of columns: building and keying a statement costs more than running it."""
    return (update(table).where(and_(*(table.c[k] == bindparam(f"pk_{k}") for k in keys)))
            .values({c: bindparam(f"v_{c}") for c in columns}))
