"""Multi-row writes straight to a table (SQLAlchemy Core). Passing an ORM class to `insert()`/`update()` with a list
of rows takes the ORM's bulk path, which here cost several times the statement itself (0.8 ms for a one-row INSERT
in a surrender); the table's Core statement does the same work.

On PostgreSQL many rows go as ONE statement: each column is sent as one array and the rows are read back out of
them with `unnest` (`INSERT … SELECT … FROM unnest(…) WITH ORDINALITY ORDER BY` the rows' order, so serial keys
follow it; `UPDATE … FROM unnest(…)`). psycopg's executemany, even pipelined, is a statement per row, which the
server parses, plans and executes one by one: for the registry's set-based writes (six rows per transfer) that was
most of the server's time and a third of the client's (`./ets bench-registry`). The arrays travel in PostgreSQL's
binary format (psycopg's `%b` placeholder, through the session's connection): the text format quotes and
backslash-escapes every element in Python, one regular-expression substitution per double quote, which for the
outbox's and audit's JSON payloads was a third of the registry writer's CPU. SQLite's executemany is already a loop
in C over one prepared statement; the rows go to it as the driver's tuples, each column bind-processed once here."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from ets_shared.persistence.engine import sqlite_run


def table_of(model: Any) -> Table:
    return model.__table__ if hasattr(model, "__table__") else model


def insert_rows(session: Session, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT every row (dicts of the same columns) in one statement on PostgreSQL, one executemany on SQLite."""
    if not rows:
        return
    table, dialect = table_of(model), session.get_bind().dialect
    names = tuple(rows[0])
    if dialect.name == "sqlite" and (plain := _plain_insert(table, names, dialect)) is not None:
        statement, processors = plain
        sqlite_run(session.connection(), statement, _driver_rows(rows, names, processors))
        return
    if dialect.name != "postgresql" or len(rows) < UNNEST_FROM:
        session.connection().execute(_insert_statement(table), rows)  # Core: the session's ORM layer adds nothing
        return
    statement, processors = _unnest_insert(table, names, dialect)
    session.connection().exec_driver_sql(statement, _arrays(rows, names, processors))


def keys_present(session: Session, model: Any, key: str, values: Sequence[str]) -> set[str]:
    """Which of the text `values` are in the table's column `key` (a primary key or unique column: one lookup each).
    On SQLite the values go as one JSON array read by `json_each`, one statement text whatever their number:
    SQLAlchemy's expanding IN rendered a parameter per value and processed each, 2.3 of the 2.9 µs per value of a
    consumed batch's inbox check. Core: what the session holds pending is not flushed first."""
    table, dialect = table_of(model), session.get_bind().dialect
    if dialect.name == "sqlite":
        return {row[0] for row in sqlite_run(session.connection(), _json_each_select(table, key, dialect),
                                                 (json.dumps(list(values)),))}
    return set(session.connection().execute(select(table.c[key]).where(table.c[key].in_(values))).scalars())


def set_where_present(session: Session, model: Any, key: str, values: Sequence[str], column: str, value: Any) -> None:
    """UPDATE `column` to `value` in the rows whose `key` is one of the text `values` (one statement; on SQLite the
    values as one JSON array, as `keys_present`)."""
    table, dialect = table_of(model), session.get_bind().dialect
    if dialect.name == "sqlite":
        sqlite_run(session.connection(), *sqlite_set_where_present(table, key, values, column, value, dialect))
        return
    session.connection().execute(_set_where_in(table, key, column), {"keys_": list(values), "v_": value})


def sqlite_set_where_present(model: Any, key: str, values: Sequence[str], column: str, value: Any, dialect: Any
                             ) -> tuple[str, tuple[Any, Any]]:
    """`set_where_present`'s statement on SQLite and its parameters, as the driver takes them."""
    statement, process = _json_each_update(table_of(model), key, column, dialect)
    return statement, (process(value) if process else value, json.dumps(list(values)))


def sqlite_stamp_range(model: Any, key: str, low: int, high: int, column: str, value: Any, dialect: Any
                       ) -> tuple[str, tuple[Any, int, int]]:
    """SQLite: SET `column` to `value` in the rows whose `column` is still NULL and whose integer `key` lies in
    [`low`, `high`], and its parameters as the driver takes them — a range of the index on (`column`, `key`) instead of
    one lookup per key, and no key list to send."""
    statement, process = _range_stamp(table_of(model), key, column, dialect)
    return statement, (process(value) if process else value, low, high)


def set_by_key(session: Session, model: Any, key: str, column: str, pairs: Sequence[tuple[Any, Any]]) -> None:
    """UPDATE `column` of the rows whose `key` is each pair's first value to its second: one statement on
    PostgreSQL, one executemany on SQLite."""
    if not pairs:
        return
    table, dialect = table_of(model), session.get_bind().dialect
    if dialect.name != "postgresql" or len(pairs) < UNNEST_FROM:
        session.connection().execute(_set_statement(table, key, column), [{"k_": k, "v_": v} for k, v in pairs])
        return
    statement, processors = _unnest_update(table, key, column, dialect)
    rows = [{key: k, column: v} for k, v in pairs]
    session.connection().exec_driver_sql(statement, _arrays(rows, (key, column), processors))


def update_rows(session: Session, model: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """UPDATE rows by primary key: each dict holds the primary key columns and the columns to set. Rows that set the
    same columns go in one executemany."""
    table = table_of(model)
    keys = tuple(c.name for c in table.primary_key.columns)
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(k for k in row if k not in keys)), []).append(row)
    dialect = session.get_bind().dialect
    for columns, group in groups.items():
        if not columns:
            continue
        if dialect.name == "sqlite" and (plain := _plain_update(table, keys, columns, dialect)) is not None:
            statement, processors = plain  # the driver's executemany, as `insert_rows`
            sqlite_run(session.connection(), statement, _driver_rows(group, columns + keys, processors))
            continue
        session.connection().execute(_update_statement(table, keys, columns), [
            {f"pk_{k}" if k in keys else f"v_{k}": v for k, v in row.items()} for row in group])


UNNEST_FROM = 2  # rows from which PostgreSQL gets one statement


def _driver_rows(rows: Sequence[Mapping[str, Any]], names: tuple[str, ...], processors: list[Any]) -> list[tuple]:
    """The rows as the driver's tuples, each column bind-processed: built a column at a time (one comprehension per
    column, then `zip`), a fifth cheaper than a generator per row."""
    columns = [[process(row[name]) for row in rows] if process else [row[name] for row in rows]
               for name, process in zip(names, processors, strict=True)]
    return list(zip(*columns, strict=True))


def _arrays(rows: Sequence[Mapping[str, Any]], names: tuple[str, ...], processors: list[Any]) -> dict[str, list]:
    arrays: dict[str, list] = {}
    for n, (name, process) in enumerate(zip(names, processors, strict=True)):
        values = [row[name] for row in rows]
        arrays[f"c{n}"] = [process(v) for v in values] if process else values
    return arrays


def _typed(table: Table, names: tuple[str, ...], dialect: Any) -> tuple[list[str], list[Any]]:
    """Each column's array parameter (psycopg's placeholder, binary), cast to its type, and its bind processing
    (e.g. UTC datetimes)."""
    casts = [f"CAST(%(c{n})b AS {table.c[name].type.compile(dialect=dialect)}[])" for n, name in enumerate(names)]
    return casts, [table.c[name].type._cached_bind_processor(dialect) for name in names]


@lru_cache(maxsize=256)
def _unnest_insert(table: Table, names: tuple[str, ...], dialect: Any) -> tuple[str, list[Any]]:
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    casts, processors = _typed(table, names, dialect)
    aliases = ", ".join(f"c{n}" for n in range(len(names)))
    statement = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({columns}) SELECT {aliases} "
                 f"FROM unnest({', '.join(casts)}) WITH ORDINALITY AS u({aliases}, row_no_) ORDER BY row_no_")
    return statement, processors


@lru_cache(maxsize=256)
def _unnest_update(table: Table, key: str, column: str, dialect: Any) -> tuple[str, list[Any]]:
    quote = dialect.identifier_preparer.quote
    casts, processors = _typed(table, (key, column), dialect)
    name = dialect.identifier_preparer.format_table(table)
    return (f"UPDATE {name} SET {quote(column)} = u.c1 FROM unnest({', '.join(casts)}) AS u(c0, c1) "
            f"WHERE {name}.{quote(key)} = u.c0"), processors


@lru_cache(maxsize=256)
def _plain_insert(table: Table, names: tuple[str, ...], dialect: Any) -> tuple[str, list[Any]] | None:
    """SQLite: the INSERT of these columns as the driver's text and each column's bind processing, so that the rows
    go to the driver's executemany as they are (the compiled statement's per-row parameter building cost more than
    SQLite's writing them); None when a column left out has a default computed in Python (the compiled path fills
    it)."""
    if any(column.default is not None for column in table.c if column.name not in names):
        return None
    quote = dialect.identifier_preparer.quote
    statement = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
                 f"({', '.join(quote(name) for name in names)}) VALUES ({', '.join('?' for _ in names)})")
    return statement, [table.c[name].type._cached_bind_processor(dialect) for name in names]


@lru_cache(maxsize=256)
def _plain_update(table: Table, keys: tuple[str, ...], columns: tuple[str, ...], dialect: Any
                  ) -> tuple[str, list[Any]] | None:
    """SQLite: UPDATE … SET `columns` WHERE `keys` as the driver's text, parameters in that order, and each one's
    bind processing; None when a column left out is set on update by Python (the compiled path does it)."""
    if any(column.onupdate is not None for column in table.c if column.name not in columns):
        return None
    quote = dialect.identifier_preparer.quote
    statement = (f"UPDATE {dialect.identifier_preparer.format_table(table)} "
                 f"SET {', '.join(f'{quote(c)} = ?' for c in columns)} "
                 f"WHERE {' AND '.join(f'{quote(k)} = ?' for k in keys)}")
    return statement, [table.c[name].type._cached_bind_processor(dialect) for name in columns + keys]


@lru_cache(maxsize=256)
def _json_each_select(table: Table, key: str, dialect: Any) -> str:
    name = dialect.identifier_preparer.quote(key)
    return (f"SELECT {name} FROM {dialect.identifier_preparer.format_table(table)} "
            f"WHERE {name} IN (SELECT value FROM json_each(?))")


@lru_cache(maxsize=256)
def _json_each_update(table: Table, key: str, column: str, dialect: Any) -> tuple[str, Any]:
    where = f"{dialect.identifier_preparer.quote(key)} IN (SELECT value FROM json_each(?))"
    return _sqlite_update(table, column, where, dialect)


@lru_cache(maxsize=256)
def _range_stamp(table: Table, key: str, column: str, dialect: Any) -> tuple[str, Any]:
    quote = dialect.identifier_preparer.quote
    return _sqlite_update(table, column, f"{quote(column)} IS NULL AND {quote(key)} BETWEEN ? AND ?", dialect)


def _sqlite_update(table: Table, column: str, where: str, dialect: Any) -> tuple[str, Any]:
    """UPDATE … SET `column` = ? WHERE `where`, as the driver's text, and the value's bind processing."""
    return (f"UPDATE {dialect.identifier_preparer.format_table(table)} "
            f"SET {dialect.identifier_preparer.quote(column)} = ? WHERE {where}",
            table.c[column].type._cached_bind_processor(dialect))


@lru_cache(maxsize=256)
def _set_where_in(table: Table, key: str, column: str) -> Any:
    return (update(table).where(table.c[key].in_(bindparam("keys_", expanding=True)))
            .values({column: bindparam("v_")}))


@lru_cache(maxsize=256)
def _insert_statement(table: Table) -> Any:
    return insert(table)


@lru_cache(maxsize=256)
def _set_statement(table: Table, key: str, column: str) -> Any:
    return update(table).where(table.c[key] == bindparam("k_")).values({column: bindparam("v_")})


@lru_cache(maxsize=256)
def _update_statement(table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    """Built once per table and set of columns: building and keying a statement costs more than running it."""
    return (update(table).where(and_(*(table.c[k] == bindparam(f"pk_{k}") for k in keys)))
            .values({c: bindparam(f"v_{c}") for c in columns}))
