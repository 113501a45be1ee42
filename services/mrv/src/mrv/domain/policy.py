"""The per-compliance-year MRV parameters (M-11, M-12, M-13, M-15, M-44(1); docs/policy-parameters.md#mrv).

`MrvPolicy.default(year)` gives the texts' values. Deadlines are Shanghai calendar dates and inclusive: an act is on
time when its regulatory (Shanghai) date is on or before the due date (`is_late`); it is missing from 00:00 Shanghai
on the day after (`missing_from`).

M-15 makes determination the authority's act ("市发展改革部门应当…审定"): by default a verified figure waits for
the authority (one by one, or in bulk from the queue). `automatic_determination` is the option to determine a
verified case without a re-check trigger by itself once `objection_period_days` have passed since the verification
report was received — the entity's time to object, which also holds for the authority's own act on a verified case.
`determination_copied_to`: the departments the report, verification and determination are copied to (M-15 ¶1:
"抄送相关部门"; default: the co-implementing departments of M-3 ¶2).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Sequence

from ets_shared.clock import regulatory_date, start_of_day
from ets_shared.errors import RuleViolation

from mrv.domain.factors import BUILTIN_FACTOR_SETS, FactorSet, factor_set_for_year, find_factor_set

STATUTORY_DETERMINATION_DAYS = 30  # M-15 ¶1: within 30 days of receiving the verification report
#: M-3 ¶2: the departments that implement the Measures with the authority, each within its remit
M3_DEPARTMENTS = ("economy_informatisation", "construction_transport", "commerce", "transport_port", "tourism",
                  "financial_services", "statistics", "quality_supervision", "finance", "state_assets")


class DiscrepancyBase(str, Enum):
    """Which figure the M-15 ¶2(1) percentage is taken of."""

    VERIFIED = "verified"
    REPORTED = "reported"


@dataclass(frozen=True, init=False)
class MrvPolicy:
    """A year's parameters. The three due dates may be left out (None) when the policy is made: they are then the
    texts' dates for `year`, resolved in `__init__`, so a policy always holds all three."""

    year: int
    recheck_discrepancy_ratio: Decimal  # M-15 ¶2(1) [param]
    recheck_discrepancy_base: DiscrepancyBase  # M-15 ¶2(1) [param]
    recheck_discrepancy_tonnes: int  # M-15 ¶2(1) [param]
    recheck_year_on_year_ratio: Decimal  # M-15 ¶2(2) [param]
    objection_period_days: int  # [param] wait before auto-determination; 0..determination_days
    determination_days: int  # M-15 ¶1
    report_due: date  # M-12: 31 Mar of Y+1
    verification_due: date  # M-13: 30 Apr of Y+1
    monitoring_plan_due: date  # M-11: 31 Dec of Y-1 (the plan for year Y)
    factor_set_id: str | None  # M-44(1) [param] override; None: the set covering `year`
    automatic_determination: bool  # M-15 [param]: verified figures determined by themselves
    determination_copied_to: tuple[str, ...]  # M-15 ¶1 [param]

    def __init__(self, year: int, recheck_discrepancy_ratio: Decimal = Decimal("0.10"),
                 recheck_discrepancy_base: DiscrepancyBase = DiscrepancyBase.VERIFIED,
                 recheck_discrepancy_tonnes: int = 100_000, recheck_year_on_year_ratio: Decimal = Decimal("0.20"),
                 objection_period_days: int = 7, determination_days: int = STATUTORY_DETERMINATION_DAYS,
                 report_due: date | None = None, verification_due: date | None = None,
                 monitoring_plan_due: date | None = None, factor_set_id: str | None = None,
                 automatic_determination: bool = False,
                 determination_copied_to: tuple[str, ...] = M3_DEPARTMENTS) -> None:
        values = {
            "year": year, "recheck_discrepancy_ratio": recheck_discrepancy_ratio,
            "recheck_discrepancy_base": recheck_discrepancy_base,
            "recheck_discrepancy_tonnes": recheck_discrepancy_tonnes,
            "recheck_year_on_year_ratio": recheck_year_on_year_ratio, "objection_period_days": objection_period_days,
            "determination_days": determination_days,
            "report_due": date(year + 1, 3, 31) if report_due is None else report_due,
            "verification_due": date(year + 1, 4, 30) if verification_due is None else verification_due,
            "monitoring_plan_due": date(year - 1, 12, 31) if monitoring_plan_due is None else monitoring_plan_due,
            "factor_set_id": factor_set_id, "automatic_determination": automatic_determination,
            "determination_copied_to": determination_copied_to,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)  # frozen: set once, here
        self._check()

    @classmethod
    def default(cls, year: int) -> MrvPolicy:
        return cls(year=year)

    def _check(self) -> None:
        def bad(detail: str, field: str, article: str) -> RuleViolation:
            return RuleViolation(detail, field=field, article=article)

        for name in ("recheck_discrepancy_ratio", "recheck_year_on_year_ratio"):
            if not isinstance(getattr(self, name), Decimal):
                raise bad("ratios are exact decimals, e.g. Decimal('0.10')", name, "M-15")
        if not Decimal(0) < self.recheck_discrepancy_ratio:
            raise bad("the discrepancy ratio must be > 0", "recheck_discrepancy_ratio", "M-15")
        if self.recheck_discrepancy_tonnes <= 0:
            raise bad("the discrepancy threshold must be > 0 t", "recheck_discrepancy_tonnes", "M-15")
        if not Decimal(0) < self.recheck_year_on_year_ratio:
            raise bad("the year-on-year ratio must be > 0", "recheck_year_on_year_ratio", "M-15")
        if not 1 <= self.determination_days <= STATUTORY_DETERMINATION_DAYS:
            raise bad("determination is due within 1..30 days of receiving the verification report",
                      "determination_days", "M-15")
        if not 0 <= self.objection_period_days <= self.determination_days:
            raise bad(f"the objection period must be 0..{self.determination_days} days: the determination is due "
                      f"within {self.determination_days} days of receiving the verification report",
                      "objection_period_days", "M-15")
        if self.verification_due < self.report_due:
            raise bad("verification cannot be due before the report", "verification_due", "M-13")
        if len(set(self.determination_copied_to)) != len(self.determination_copied_to):
            raise bad("each department is named once", "determination_copied_to", "M-15")

    def factor_set(self, sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS) -> FactorSet:
        """The factor set of this year: the override if set, else the one covering `year`."""
        if self.factor_set_id is not None:
            return find_factor_set(self.factor_set_id, sets)
        return factor_set_for_year(self.year, sets)


def is_late(moment: datetime, due: date) -> bool:
    """True when the Shanghai date of `moment` is after `due` (the due date itself is on time)."""
    return regulatory_date(moment) > due


def missing_from(due: date) -> datetime:
    """The instant something due by `due` is missing: 00:00 Shanghai on the day after."""
    return start_of_day(due + timedelta(days=1))
