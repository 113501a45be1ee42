"""Statements whose rows are those whose key is among a list sent as ONE parameter (`AmongKeys`), for the reads and
writes of a batch's keys: on SQLite the list as a JSON array read by `json_each` (as `bulk.keys_present` sends
its values), on PostgreSQL an array (`= ANY`). SQLAlchemy's expanding `IN` renders the statement's text anew at
each execution, a parameter per key, each bind-processed — about a fifth of reading a consumed batch's hundred
answered trades in the exchange's settlement. On SQLite a hot read can go straight to the driver (`rows`, `driver`:
a `DriverStatement`, compiled once), which the exchange's order entry and settlement and the registry's batch reads
do."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar, Unpack

from sqlalchemy import ColumnElement, Executable, String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session

from ets_shared.persistence.driver_statement import DriverStatement

S = TypeVar("S", bound=Executable)


class AmongKeys(Generic[S]):
    """A statement taking its keys as one parameter, built once per dialect. `build(among)`: the statement,
    `among(column)` its condition."""

    def __init__(self, build: Callable[[Callable[[Any], ColumnElement[bool]]], S]) -> None:
        self._build = build
        self._built: dict[str, S] = {}
        #: the statement as SQLite's driver runs it (the keys as one JSON text): `rows`, or `run_many` for a write
        self.driver = DriverStatement(lambda session: self.statement(session)[0])

    def statement(self, session: Session) -> tuple[S, bool]:
        """The statement for this session's database, and whether it takes the keys as JSON (SQLite)."""
        dialect = session.get_bind().dialect.name
        built = self._built.get(dialect)
        if built is None:
            built = self._built[dialect] = self._build(_among_json if dialect == "sqlite" else _among_array)
        return built, dialect == "sqlite"

    def execute(self, session: Session, keys: Iterable[Any], **params: Any) -> Result[Unpack[tuple[Any, ...]]]:
        """Run it for `keys` (Core, on the session's connection: nothing pending is flushed first)."""
        statement, as_json = self.statement(session)
        listed = list(keys)
        return session.connection().execute(statement, {"keys_": json.dumps(listed) if as_json else listed,
                                                        **params})

    def rows(self, session: Session, keys: Iterable[Any], *, on_driver: bool, **params: Any) -> Sequence[Any]:
        """The rows for `keys`: `on_driver` (a SQLite session only) straight on the driver, as tuples converted as
        SQLAlchemy converts them; otherwise `execute`'s. Neither flushes what the session holds pending."""
        if on_driver:
            return self.driver.rows(session, keys_=json.dumps(list(keys)), **params)
        return self.execute(session, keys, **params).all()


def _among_json(column: Any) -> ColumnElement[bool]:
    keys = func.json_each(bindparam("keys_", type_=String)).table_valued("value")
    return column.in_(select(keys.c.value))


def _among_array(column: Any) -> ColumnElement[bool]:
    return column == any_(bindparam("keys_", type_=ARRAY(column.type)))
