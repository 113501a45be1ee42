"""The units the registry holds: Shanghai allowances and CCER offsets (M-44(2), M-44(6), M-17).

- SHEA (上海碳排放配额): 1 allowance = 1 tCO2e; its *vintage* is the compliance year it was issued for.
- CCER (国家核证自愿减排量): 1 CCER = 1 t when surrendered (M-17); its *vintage* is the year of the reduction,
  and every CCER lot carries its origin (project, reduction date, and the covered entity inside whose emission
  boundary the project lies, if any), because M-17 decides eligibility from the origin.

Quantities are whole units (int); a lot line is the shape shared by registry transactions and surrenders.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from ets_shared.errors import RuleViolation


class UnitType(str, Enum):
    SHEA = "SHEA"
    CCER = "CCER"


@dataclass(frozen=True)
class CcerOrigin:
    """Where a CCER lot comes from. `boundary_entity_id` is the covered entity inside whose emission boundary
    (排放边界, M-44(5)) the project lies, or None when the project lies outside every covered entity's boundary."""

    project_id: str
    reduction_date: date
    boundary_entity_id: str | None = None


@dataclass(frozen=True)
class UnitLine:
    """A quantity of one unit type and vintage (and, for CCER, one origin)."""

    unit_type: UnitType
    vintage: int
    quantity: int
    origin: CcerOrigin | None = None


def check_unit_line(line: UnitLine, field: str) -> None:
    """Shape rules every line obeys wherever it is used; `field` is the caller's path to the line, e.g. "lines[0]"."""
    if not isinstance(line.quantity, int) or isinstance(line.quantity, bool) or line.quantity <= 0:
        raise RuleViolation("quantity must be a whole number of units greater than 0", field=f"{field}.quantity")
    if line.unit_type is UnitType.SHEA:
        if line.origin is not None:
            raise RuleViolation("an allowance (SHEA) has no CCER origin", field=f"{field}.origin")
    elif line.unit_type is UnitType.CCER:
        if line.origin is None:
            raise RuleViolation("a CCER line must carry its origin (project, reduction date, boundary)",
                                field=f"{field}.origin", article="M-17")
        if line.vintage != line.origin.reduction_date.year:
            raise RuleViolation(
                f"a CCER's vintage is the year of its reduction ({line.origin.reduction_date.year}), "
                f"not {line.vintage}",
                field=f"{field}.vintage")
    else:  # pragma: no cover - enum exhausts
        raise RuleViolation(f"unknown unit type {line.unit_type!r}", field=f"{field}.unit_type")
