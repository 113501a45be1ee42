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


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, type[enum.Enum] | None], ...]:
    """The dataclass's field names, each with its enum type (or None): read once per class, not per row."""
    enums = _enum_types(cls)
    return tuple((field.name, enums.get(field.name)) for field in dataclasses.fields(cls))


def to_domain(row: Any, cls: type[T], **overrides: Any) -> T:
    values: dict[str, Any] = {}
    for name, kind in _fields(cls):
        if name in overrides:
            values[name] = overrides[name]
            continue
        if not hasattr(row, name):
            continue
        value = getattr(row, name)
        if value is not None and kind is not None and not isinstance(value, kind):
            value = kind(value)
        values[name] = value
    return cls(**values)


def to_columns(obj: Any, row_cls: type, **extra: Any) -> dict[str, Any]:
    """The row's column values of the dataclass `obj` (enums as their stored values), for a Core INSERT."""
    values: dict[str, Any] = {}
    cls: type = type(obj)
    for name in _shared_columns(cls, row_cls):
        value = getattr(obj, name)
        values[name] = value.value if isinstance(value, enum.Enum) else value
    values.update(extra)
    return values


@functools.cache
def _shared_columns(cls: type, row_cls: type) -> tuple[str, ...]:
    """The dataclass's fields that are columns of the row (a SQLModel table class), once per pair of classes."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name in row_cls.model_fields)  # type: ignore[attr-defined]


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
