"""How one entity's allocation is computed (M-8, M-44(3)).

- Historical-emission method (历史排放法): mean of the entity's emissions in base years before the plan year,
  x a factor (default 1).
- Benchmark method (基准线法): benchmark emission intensity (tCO2e per unit of output) x output.
- Early reduction action (先期节能减排行动): an optional bonus in whole tonnes, added to either.

**Rounding**: a method's result is computed exactly in Decimal and rounded once, ROUND_HALF_UP, to a whole
allowance; the bonus is added after rounding.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from ets_shared.errors import RuleViolation


class AllocationMethod(str, Enum):
    HISTORICAL_EMISSION = "historical_emission"
    BENCHMARK = "benchmark"


def round_allowances(value: Decimal) -> int:
    """The one rounding rule for allocations: ROUND_HALF_UP to a whole allowance."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class BaseYearEmission:
    year: int
    emissions: int


@dataclass(frozen=True)
class AllocationEntry:
    """One entity's line in a plan. `method_quantity` is the rounded result of the method; `quantity` adds the
    early-action bonus. The inputs of the method are kept so the figure can be re-derived and audited."""

    entity_id: str
    method: AllocationMethod
    method_quantity: int
    early_action_bonus: int = 0
    base_years: tuple[BaseYearEmission, ...] = ()
    historical_factor: Decimal | None = None
    benchmark_intensity: Decimal | None = None
    output: Decimal | None = None

    @property
    def quantity(self) -> int:
        return self.method_quantity + self.early_action_bonus


def _check_common(entity_id: str, early_action_bonus: int) -> None:
    if not entity_id.strip():
        raise RuleViolation("an entry needs an entity id", field="entity_id", article="M-8")
    if not isinstance(early_action_bonus, int) or early_action_bonus < 0:
        raise RuleViolation("the early-action bonus must be a whole number of at least 0",
                            field="early_action_bonus", article="M-8")


def _non_negative_decimal(value: Decimal, name: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise RuleViolation(f"{name} must be a decimal number of at least 0", field=name, article="M-8")


def historical_entry(plan_year: int, entity_id: str, base_years: dict[int, int], factor: Decimal = Decimal(1),
                     early_action_bonus: int = 0) -> AllocationEntry:
    """历史排放法: round(mean of base-year emissions x factor) + bonus. Every base year precedes `plan_year`."""
    _check_common(entity_id, early_action_bonus)
    if not base_years:
        raise RuleViolation("the historical method needs at least one base year", field="base_years",
                            article="M-8")
    for year, emissions in base_years.items():
        if year >= plan_year:
            raise RuleViolation(f"base year {year} is not before {plan_year}", field="base_years", article="M-8")
        if emissions < 0:
            raise RuleViolation(f"emissions of base year {year} cannot be negative", field="base_years",
                                article="M-8")
    _non_negative_decimal(factor, "factor")
    mean = Decimal(sum(base_years.values())) / Decimal(len(base_years))
    return AllocationEntry(
        entity_id, AllocationMethod.HISTORICAL_EMISSION, round_allowances(mean * factor), early_action_bonus,
        base_years=tuple(BaseYearEmission(y, e) for y, e in sorted(base_years.items())), historical_factor=factor)


def benchmark_entry(entity_id: str, benchmark_intensity: Decimal, output: Decimal,
                    early_action_bonus: int = 0) -> AllocationEntry:
    """基准线法: round(benchmark intensity x output) + bonus."""
    _check_common(entity_id, early_action_bonus)
    _non_negative_decimal(benchmark_intensity, "benchmark_intensity")
    _non_negative_decimal(output, "output")
    return AllocationEntry(entity_id, AllocationMethod.BENCHMARK, round_allowances(benchmark_intensity * output),
                           early_action_bonus, benchmark_intensity=benchmark_intensity, output=output)
