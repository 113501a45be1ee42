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
in C over one prepared statement; the rows go to it as the driver's tuples (`_DriverRows`).

A column's bind processing (dates and datetimes to text on SQLite, UTC datetimes on both) runs once for a column that
holds one object in every row — a transaction's rows share their instant and trading day — instead of once per row:
the same object converts to the same value (datetimes and dates are immutable), and only the very object counts, not
an equal one (equal instants in two time zones are different dates, a naive datetime is refused however equal)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from ets_shared.persistence.among import AmongKeys
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
        statement, driver_rows = plain
        sqlite_run(session.connection(), statement, driver_rows(rows))
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
    consumed batch's inbox check; on PostgreSQL they go as one array (`_present_among`). Core: what the session holds
    pending is not flushed first."""
    table, dialect = table_of(model), session.get_bind().dialect
    if dialect.name == "sqlite":
        return {row[0] for row in sqlite_run(session.connection(), _json_each_select(table, key, dialect),
                                                 (json.dumps(list(values)),))}
    return set(_present_among(table, key).execute(session, values).scalars())


@lru_cache(maxsize=64)
def _present_among(table: Table, key: str) -> AmongKeys[Any]:
    """`keys_present`'s statement beyond SQLite: the values as one array parameter (`= ANY`), one statement text
    whatever their number — SQLAlchemy's expanding IN rendered it anew with a parameter per value (a consumed batch's
    inbox check of ten ids on PostgreSQL 194 -> 85 µs)."""
    column = table.c[key]
    return AmongKeys(lambda among: select(column).where(among(column)))


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
    PostgreSQL, one executemany of the driver's on SQLite (as `update_rows`)."""
    if not pairs:
        return
    table, dialect = table_of(model), session.get_bind().dialect
    if dialect.name == "sqlite" and (plain := _plain_update(table, (key,), (column,), dialect)) is not None:
        statement, driver_rows = plain  # the driver's executemany, as `update_rows`
        sqlite_run(session.connection(), statement, driver_rows([{key: k, column: v} for k, v in pairs]))
        return
    if dialect.name != "postgresql" or len(pairs) < UNNEST_FROM:
        session.connection().execute(_set_statement(table, key, column), [{"k_": k, "v_": v} for k, v in pairs])
        return
    statement, processors = _unnest_update(table, key, column, dialect)
    rows = [{key: k, column: v} for k, v in pairs]
    session.connection().exec_driver_sql(statement, _arrays(rows, (key, column), processors))


def update_rows(session: Session, model: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """UPDATE rows by primary key: each dict holds the primary key columns and the columns to set. Rows that set the
    same columns go in one executemany. A key appears in one row at most (every caller merges a record's changes
    first): rows of one key setting different columns would be applied group by group, not in their order."""
    table = table_of(model)
    keys = tuple(c.name for c in table.primary_key.columns)
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    # a row's keys as given -> the columns it sets: a caller's rows give their keys in one order, so the sorting runs
    # once per order instead of once per row (0.75 -> 0.23 µs a row)
    sets: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in rows:
        if (columns := sets.get(given := tuple(row))) is None:
            columns = sets[given] = tuple(sorted(k for k in given if k not in keys))
        groups.setdefault(columns, []).append(row)
    dialect = session.get_bind().dialect
    for columns, group in groups.items():
        if not columns:
            continue
        if dialect.name == "sqlite" and (plain := _plain_update(table, keys, columns, dialect)) is not None:
            statement, driver_rows = plain  # the driver's executemany, as `insert_rows`
            sqlite_run(session.connection(), statement, driver_rows(group))
            continue
        session.connection().execute(_update_statement(table, keys, columns), [
            {f"pk_{k}" if k in keys else f"v_{k}": v for k, v in row.items()} for row in group])


UNNEST_FROM = 2  # rows from which PostgreSQL gets one statement


class _DriverRows:
    """How rows (dicts) become the driver's tuples for one SQLite statement, whose parameters come in this order
    (`order`): first the columns taken as they are, a row's values read at once in C (`itemgetter`: 0.2 µs per
    18-column order row, where a comprehension per column and a `zip` cost 0.6), then the bind-processed ones, each
    converted once when it holds one object in every row (as a batch's instant and trading day do), appended to
    every row as one tuple. A processed column holding several objects: every row's value converted, column by
    column."""

    __slots__ = ("converted", "order", "plain", "take")

    def __init__(self, names: Sequence[str], processors: Sequence[Any]) -> None:
        self.plain = plain = [name for name, process in zip(names, processors, strict=True) if not process]
        self.converted = [(name, process, itemgetter(name))
                          for name, process in zip(names, processors, strict=True) if process]
        self.order = (*plain, *(name for name, _, _ in self.converted))
        self.take = _taker(plain)

    def __call__(self, rows: Sequence[Mapping[str, Any]]) -> list[tuple]:
        shared: list[Any] = []  # the processed columns' values, while each is one object in every row
        for name, process, value in self.converted:
            first = rows[0][name]
            if not all(map(is_, map(value, rows), repeat(first))):
                return self._column_wise(rows, shared)
            shared.append(process(first))
        if not shared:
            return list(map(self.take, rows))
        tail = tuple(shared)
        return [values + tail for values in map(self.take, rows)]

    def _column_wise(self, rows: Sequence[Mapping[str, Any]], shared: list[Any]) -> list[tuple]:
        """The rows a column at a time (one comprehension per column, then `zip`): the first `len(shared)` processed
        columns one value each, the rest converted row by row."""
        columns = [[row[name] for row in rows] for name in self.plain]
        columns += [[value] * len(rows) for value in shared]
        columns += [[process(row[name]) for row in rows] for name, process, _ in self.converted[len(shared):]]
        return list(zip(*columns, strict=True))


def _taker(names: list[str]) -> Callable[[Mapping[str, Any]], tuple]:
    """A row's values of `names` as a tuple (`itemgetter` gives a bare value for one name)."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        one = itemgetter(names[0])
        return lambda row: (one(row),)
    return lambda _row: ()


def _converted(values: list[Any], process: Any) -> list[Any]:
    """`values` bind-processed: once when they are one object (see the module's doc)."""
    first = values[0]
    if all(map(is_, values, repeat(first))):
        return [process(first)] * len(values)
    return [process(v) for v in values]


def _arrays(rows: Sequence[Mapping[str, Any]], names: tuple[str, ...], processors: list[Any]) -> dict[str, list]:
    arrays: dict[str, list] = {}
    for n, (name, process) in enumerate(zip(names, processors, strict=True)):
        values = [row[name] for row in rows]
        arrays[f"c{n}"] = _converted(values, process) if process else values
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
def _plain_insert(table: Table, names: tuple[str, ...], dialect: Any) -> tuple[str, _DriverRows] | None:
    """SQLite: the INSERT of these columns as the driver's text and how the rows become its parameters, so that they
    go to the driver's executemany as they are (the compiled statement's per-row parameter building cost more than
    SQLite's writing them); None when a column left out has a default computed in Python (the compiled path fills
    it)."""
    if any(column.default is not None for column in table.c if column.name not in names):
        return None
    quote = dialect.identifier_preparer.quote
    driver_rows = _driver_rows(table, names, dialect)
    statement = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
                 f"({', '.join(quote(name) for name in driver_rows.order)}) VALUES ({', '.join('?' for _ in names)})")
    return statement, driver_rows


@lru_cache(maxsize=256)
def _plain_update(table: Table, keys: tuple[str, ...], columns: tuple[str, ...], dialect: Any
                  ) -> tuple[str, _DriverRows] | None:
    """SQLite: UPDATE … SET `columns` WHERE `keys` as the driver's text, its parameters numbered (`?N`) in the order
    `_DriverRows` gives them, and how the rows become them; None when a column left out is set on update by Python
    (the compiled path does it)."""
    if any(column.onupdate is not None for column in table.c if column.name not in columns):
        return None
    quote = dialect.identifier_preparer.quote
    driver_rows = _driver_rows(table, columns + keys, dialect)
    number = {name: n for n, name in enumerate(driver_rows.order, start=1)}
    statement = (f"UPDATE {dialect.identifier_preparer.format_table(table)} "
                 f"SET {', '.join(f'{quote(c)} = ?{number[c]}' for c in columns)} "
                 f"WHERE {' AND '.join(f'{quote(k)} = ?{number[k]}' for k in keys)}")
    return statement, driver_rows


def _driver_rows(table: Table, names: tuple[str, ...], dialect: Any) -> _DriverRows:
    return _DriverRows(names, [table.c[name].type._cached_bind_processor(dialect) for name in names])


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
