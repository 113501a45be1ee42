"""A Core statement run straight on SQLite's driver (`engine.sqlite_run`) in the session's transaction.

SQLAlchemy's `execute` around a small statement (its compiled-cache key, execution context and result object, the
parameters bound per row) can cost as much as SQLite's own work: a hot path that runs the same statement at every
batch compiles it once here — its text, its positional parameters' names, the values it fixes itself, and for a
SELECT its columns' result processors — and hands the driver tuples. Nothing pending in the session is flushed first
(as `execute` of a Core statement on a table: no ORM entity, no autoflush); a caller that must see its pending
objects flushes them. Only for SQLite sessions; other databases go through `execute`."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ets_shared.persistence.engine import sqlite_run

_Built = tuple[str, tuple[str, ...], dict[str, Any], list[tuple[int, Callable[[Any], Any]]]]


class DriverStatement:
    """`source(session)`: the statement as built for the session's dialect (compiled at the first run, kept)."""

    __slots__ = ("_source", "_built")

    def __init__(self, source: Callable[[Session], Any]) -> None:
        self._source = source
        self._built: _Built | None = None

    def _build(self, session: Session) -> _Built:
        statement, dialect = self._source(session), session.get_bind().dialect
        compiled = statement.compile(dialect=dialect)
        processors: list[tuple[int, Callable[[Any], Any]]] = []
        for n, column in enumerate(getattr(statement, "selected_columns", ())):
            if (process := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None:
                processors.append((n, process))
        self._built = compiled.string, tuple(compiled.positiontup or ()), dict(compiled.params), processors
        return self._built

    def run_many(self, session: Session, rows: Sequence[Mapping[str, Any]]) -> int:
        """One executemany of the statement over `rows` (by its parameter names); the rows it matched."""
        text, names, fixed, _processors = self._built or self._build(session)
        done = sqlite_run(session.connection(), text,
                          [tuple(row[n] if n in row else fixed[n] for n in names) for row in rows])
        return int(done.rowcount)

    def rows(self, session: Session, **params: Any) -> list[Any]:
        """The rows of a SELECT as tuples in its column order, converted as SQLAlchemy converts them."""
        text, names, fixed, processors = self._built or self._build(session)
        rows = sqlite_run(session.connection(), text,
                          tuple(params[n] if n in params else fixed[n] for n in names)).fetchall()
        if processors:
            rows = [list(row) for row in rows]
            for row in rows:
                for n, convert in processors:
                    row[n] = convert(row[n])
        return rows
