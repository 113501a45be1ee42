"""Emissions of one entity-year from its activity data (M-44(1); M-12 report content; docs/rules.md §4).

Direct emissions = fuel combustion (quantity x the fuel's factor) + industrial processes (the quantity is already
tCO2e, computed by the sector method). Indirect emissions = purchased electricity (10^4 kWh x electricity factor)
+ purchased heat (GJ x heat factor). All arithmetic is exact Decimal; only the total is rounded, once, to whole
tonnes with ROUND_HALF_UP (x.5 goes up), because determinations and allowances are whole tCO2e (M-44(2)).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Sequence

from ets_shared.errors import RuleViolation

from mrv.domain.factors import (
    GIGAJOULE, TEN_THOUSAND_KWH, TONNE_CO2E, FactorSet, canonical_unit,
)


class SourceKind(str, Enum):
    FUEL = "fuel"  # direct: fossil-fuel combustion
    PROCESS = "process"  # direct: industrial process, quantity in tCO2e
    ELECTRICITY = "electricity"  # indirect: purchased electricity, 10^4 kWh
    HEAT = "heat"  # indirect: purchased heat, GJ


@dataclass(frozen=True)
class ActivitySource:
    kind: SourceKind
    quantity: Decimal
    unit: str
    fuel: str | None = None  # fuel code of the factor set; only for kind FUEL
    description: str = ""


@dataclass(frozen=True)
class EmissionsBreakdown:
    direct: Decimal
    indirect: Decimal
    total: Decimal
    total_tonnes: int  # total rounded ROUND_HALF_UP to whole tCO2e
    factor_set_id: str


_FIXED_UNITS = {SourceKind.PROCESS: TONNE_CO2E, SourceKind.ELECTRICITY: TEN_THOUSAND_KWH, SourceKind.HEAT: GIGAJOULE}


def to_tonnes(amount: Decimal) -> int:
    """Whole tonnes, ROUND_HALF_UP: 100.5 -> 101, 100.4999 -> 100."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _violation(detail: str, field: str) -> RuleViolation:
    return RuleViolation(detail, field=field, article="M-44")


def _kind(source: ActivitySource, at: str) -> SourceKind:
    try:
        return SourceKind(source.kind)
    except ValueError:
        kinds = ", ".join(k.value for k in SourceKind)
        raise _violation(f"unknown source kind {source.kind!r}; expected one of {kinds}", f"{at}.kind") from None


def _quantity(source: ActivitySource, at: str) -> Decimal:
    quantity = source.quantity
    if isinstance(quantity, bool) or not isinstance(quantity, (Decimal, int)):
        raise _violation("quantity must be an exact decimal number", f"{at}.quantity")
    quantity = Decimal(quantity)
    if not quantity.is_finite():
        raise _violation("quantity must be a finite number", f"{at}.quantity")
    if quantity < 0:
        raise _violation(f"quantity must be >= 0, got {quantity}", f"{at}.quantity")
    return quantity


def source_emissions(source: ActivitySource, factor_set: FactorSet, at: str = "source") -> tuple[SourceKind, Decimal]:
    """(kind, exact tCO2e) of one source; RuleViolation naming `<at>.<field>` when the source is invalid."""
    kind = _kind(source, at)
    quantity = _quantity(source, at)
    unit = canonical_unit(source.unit)
    if kind is SourceKind.FUEL:
        if not source.fuel:
            raise _violation("a fuel source must name its fuel", f"{at}.fuel")
        factor = factor_set.fuels.get(source.fuel)
        if factor is None:
            known = ", ".join(sorted(factor_set.fuels))
            raise _violation(
                f"fuel {source.fuel!r} has no factor in set {factor_set.factor_set_id} (known: {known})", f"{at}.fuel")
        if unit != factor.unit:
            raise _violation(f"fuel {source.fuel!r} is measured in {factor.unit}, got {source.unit!r}", f"{at}.unit")
        return kind, quantity * factor.t_co2_per_unit
    if source.fuel is not None:
        raise _violation(f"only fuel sources name a fuel, not {kind.value} sources", f"{at}.fuel")
    if unit != _FIXED_UNITS[kind]:
        raise _violation(f"{kind.value} is measured in {_FIXED_UNITS[kind]}, got {source.unit!r}", f"{at}.unit")
    if kind is SourceKind.ELECTRICITY:
        return kind, quantity * factor_set.electricity_t_per_10k_kwh
    if kind is SourceKind.HEAT:
        return kind, quantity * factor_set.heat_t_per_gj
    return kind, quantity  # PROCESS: already tCO2e


def compute_emissions(
    sources: Sequence[ActivitySource], factor_set: FactorSet, *, field: str = "sources",
) -> EmissionsBreakdown:
    """Direct + indirect emissions of `sources` with `factor_set`. `field` is the name of the input list, used in
    error paths (`sources[2].quantity`, `verified_sources[0].fuel`). At least one source is required."""
    if not sources:
        raise _violation("a report needs at least one activity source", field)
    direct = indirect = Decimal(0)
    for index, source in enumerate(sources):
        kind, amount = source_emissions(source, factor_set, f"{field}[{index}]")
        if kind in (SourceKind.FUEL, SourceKind.PROCESS):
            direct += amount
        else:
            indirect += amount
    total = direct + indirect
    return EmissionsBreakdown(direct, indirect, total, to_tonnes(total), factor_set.factor_set_id)
