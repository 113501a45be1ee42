"""Mapping between a domain dataclass and its table row, field by field (the domain stays free of the ORM).

`to_domain(row, Member)` builds the dataclass from the row's same-named columns (enum fields are rebuilt from
their stored values); `to_row(obj, MemberRow, existing)` copies the dataclass into a new or existing row.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import typing
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")
R = TypeVar("R")


@functools.cache
def _enum_types(cls: type) -> dict[str, type[enum.Enum]]:
    hints = typing.get_type_hints(cls)
    found: dict[str, type[enum.Enum]] = {}
    for name, hint in hints.items():
        for candidate in (hint, *typing.get_args(hint)):
            if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
                found[name] = candidate
    return found


def to_domain(row: Any, cls: type[T], **overrides: Any) -> T:
    enums = _enum_types(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in overrides:
            values[field.name] = overrides[field.name]
            continue
        if not hasattr(row, field.name):
            continue
        value = getattr(row, field.name)
        if value is not None and field.name in enums and not isinstance(value, enums[field.name]):
            value = enums[field.name](value)
        values[field.name] = value
    return cls(**values)


def to_columns(obj: Any, row_cls: type, **extra: Any) -> dict[str, Any]:
    """The row's column values of the dataclass `obj` (enums as their stored values), for a Core INSERT."""
    values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    values = {k: (v.value if isinstance(v, enum.Enum) else v) for k, v in values.items()
              if k in row_cls.model_fields}  # type: ignore[attr-defined]  # a SQLModel table class
    values.update(extra)
    return values


def to_row(obj: Any, row_cls: type[R], existing: R | None = None, **extra: Any) -> R:
    """A new row, or `existing` with the columns that differ set (a loaded column holding an equal value is left
    alone: the UPDATE would not have written it, and a SQLModel attribute set costs ~15 µs; a column not loaded is
    set without reading it)."""
    values = to_columns(obj, row_cls, **extra)
    if existing is None:
        return row_cls(**values)
    loaded = existing.__dict__
    for key, value in values.items():
        if key not in loaded or loaded[key] != value:
            setattr(existing, key, value)
    return existing
