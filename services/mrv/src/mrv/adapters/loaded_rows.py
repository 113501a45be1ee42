"""Report cases' rows read with Core, not as ORM objects: a loaded row is its columns as attributes. Building a
SQLModel object per row (the ORM's identity map, instrumented attributes, pydantic's `__new__`) cost more than
reading it — a third of the tick's CPU determining thousands of cases, a fifth of a bulk request's verifications.

The repository writes a loaded row back itself, only the columns that changed: collected for a multi-row UPDATE
(`collected_writes`), or, one use case at a time, an UPDATE at once (`write_changes`). The row in memory is kept
current either way (`keep`), so the next use case in the transaction sees what this one did."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ets_shared.persistence.bulk import update_rows


class LoadedRow:
    """One row's columns, as attributes (`row.state`, `row.report_id`)."""

    def __init__(self, columns: Mapping[str, Any]) -> None:
        self.__dict__.update(columns)

    def __repr__(self) -> str:
        return f"LoadedRow({self.__dict__!r})"


def rows_of(session: Session, query: Select[Any]) -> list[Any]:
    """The rows `query` (a Core select of a table's columns) finds, each a `LoadedRow`."""
    result = session.execute(query)
    names = tuple(result.keys())
    return [LoadedRow(dict(zip(names, row, strict=True))) for row in result]


def keep(row: Any, key: str, value: Any) -> None:
    """Set a column of a row in memory that is (or will be) written by a statement of its own: a loaded row's
    attribute, or an ORM object's value as committed (changed without the ORM flushing it again)."""
    if isinstance(row, LoadedRow):
        setattr(row, key, value)
    else:
        set_committed_value(row, key, value)


def write_changes(session: Session, model: type, row: Any, keys: Iterable[str], values: Mapping[str, Any]) -> None:
    """Set the columns of `values` that changed on `row` (an ORM object: the ORM writes them at its flush; a loaded
    row: one UPDATE now, by its primary key `keys`)."""
    if not isinstance(row, LoadedRow):
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
        return
    changed = {key: value for key, value in values.items() if getattr(row, key) != value}
    if changed:
        row.__dict__.update(changed)
        update_rows(session, model, [{key: getattr(row, key) for key in keys} | changed])
