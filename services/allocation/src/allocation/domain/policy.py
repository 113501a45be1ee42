"""The per-compliance-year parameters of allocation and surrender (M-5, M-16, M-17).

Every number the regulation leaves open (**[param]** in docs/rules.md §2 and §5; docs/policy-parameters.md#allocation)
is a field of `AllocationPolicy`, one per compliance year Y, with the documented default from
`AllocationPolicy.default(Y)`:

- M-5  `inclusion_thresholds`: the sector thresholds at or above which an emitter is covered (Shanghai's 2023 list).
- M-16 `surrender_open` / `surrender_close`: the surrender window, 1 June and 30 June of Y+1 by default (moved in
  practice, e.g. to 30 Sep 2021 and 30 Dec 2022). Both dates are Shanghai calendar dates and inclusive.
  The window closes at 00:00 Shanghai on the day after `surrender_close` (1 July by default): the first tick of
  that Shanghai date runs the shortfall check.
- M-16 `surrender_days_after_determination` (30): an entity whose emissions are determined (or raised) late gets at
  least this many days, counted from the Shanghai date of that determination and including it, to surrender before
  it can be in shortfall — its own last day is the later of `surrender_close` and that period's last day (see
  `compliance`). 30 is the length of the statutory window (1-30 June), so no entity gets less time than the text
  gives every entity.
- M-12 ¶2 `reporting_threshold_t` (10,000): emitters at or above it that are not covered must still report.
- M-17 `ccer_ratio`: CCERs may cover at most floor(ratio x the entity's year-Y allocation) (default 0.05);
  `ccer_earliest_reduction_date`: CCERs whose reduction happened before it are ineligible (default 2013-01-01).
- M-18 `exit_report_days` (15): an exiting entity's current-year report is due that many days after its exit;
  `exit_recall_ratio` (0.5): the share of the free allowances of later vintages recalled (the year of the exit's
  policy applies).
- M-9 `paid_share` (0: free allocation only, as in the pilot): the share of the cap a new plan reserves for paid
  allocation; `auction_reserve_price` (0.00 RMB): no auction bid below it is admitted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ets_shared.errors import RuleViolation


@dataclass(frozen=True)
class InclusionThreshold:
    """M-5: an emitter of `sector` is covered when its annual emissions reach `min_emissions_t` tCO2e, or (where
    set) its annual energy use reaches `min_energy_tce` tonnes of standard coal equivalent. Inclusive (以上)."""

    sector: str
    min_emissions_t: int
    min_energy_tce: int | None = None


def _shanghai_2023_thresholds() -> tuple[InclusionThreshold, ...]:
    return (
        InclusionThreshold("industry", 20_000, 10_000),
        InclusionThreshold("aviation", 20_000, 10_000),
        InclusionThreshold("water_transport", 100_000),
        InclusionThreshold("data_centre", 20_000),
        InclusionThreshold("road_freight", 10_000),
        InclusionThreshold("building", 10_000),
        InclusionThreshold("port", 10_000),
        InclusionThreshold("airport", 10_000),
    )


@dataclass(frozen=True)
class AllocationPolicy:
    year: int
    surrender_open: date
    surrender_close: date
    ccer_ratio: Decimal = Decimal("0.05")
    ccer_earliest_reduction_date: date = date(2013, 1, 1)
    inclusion_thresholds: tuple[InclusionThreshold, ...] = field(default_factory=_shanghai_2023_thresholds)
    surrender_days_after_determination: int = 30
    reporting_threshold_t: int = 10_000
    exit_report_days: int = 15
    exit_recall_ratio: Decimal = Decimal("0.5")
    paid_share: Decimal = Decimal(0)
    auction_reserve_price: Decimal = Decimal("0.00")

    @classmethod
    def default(cls, year: int) -> AllocationPolicy:
        return cls(year=year, surrender_open=date(year + 1, 6, 1), surrender_close=date(year + 1, 6, 30))

    def __post_init__(self) -> None:
        if self.surrender_open.year < self.year + 1:
            raise RuleViolation(f"the surrender window for {self.year} cannot open before {self.year + 1}",
                                field="surrender_open", article="M-16")
        if self.surrender_close.year < self.year + 1:
            raise RuleViolation(f"the surrender window for {self.year} cannot close before {self.year + 1}",
                                field="surrender_close", article="M-16")
        if self.surrender_close < self.surrender_open:
            raise RuleViolation("the surrender window cannot close before it opens",
                                field="surrender_close", article="M-16")
        if (not isinstance(self.ccer_ratio, Decimal) or not self.ccer_ratio.is_finite()
                or not Decimal(0) <= self.ccer_ratio <= Decimal(1)):
            raise RuleViolation("the CCER ratio must be a decimal between 0 and 1", field="ccer_ratio",
                                article="M-17")
        days = self.surrender_days_after_determination
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
            raise RuleViolation("the surrender period after a determination is 1..366 days",
                                field="surrender_days_after_determination", article="M-16")
        if isinstance(self.reporting_threshold_t, bool) or not isinstance(self.reporting_threshold_t, int) \
                or self.reporting_threshold_t < 0:
            raise RuleViolation("the reporting threshold is whole tonnes, at least 0", field="reporting_threshold_t",
                                article="M-12")
        if isinstance(self.exit_report_days, bool) or not isinstance(self.exit_report_days, int) \
                or not 1 <= self.exit_report_days <= 366:
            raise RuleViolation("the exit report period is 1..366 days", field="exit_report_days", article="M-18")
        if (not isinstance(self.exit_recall_ratio, Decimal) or not self.exit_recall_ratio.is_finite()
                or not Decimal(0) <= self.exit_recall_ratio <= Decimal(1)):
            raise RuleViolation("the exit recall ratio is a decimal between 0 and 1", field="exit_recall_ratio",
                                article="M-18")
        if (not isinstance(self.paid_share, Decimal) or not self.paid_share.is_finite()
                or not Decimal(0) <= self.paid_share <= Decimal(1)):
            raise RuleViolation("the paid share of the cap is a decimal between 0 and 1", field="paid_share",
                                article="M-9")
        if not isinstance(self.auction_reserve_price, Decimal) or not self.auction_reserve_price.is_finite() \
                or self.auction_reserve_price < 0:
            raise RuleViolation("the reserve price is a decimal amount of at least 0", field="auction_reserve_price",
                                article="M-9")
        sectors = [t.sector for t in self.inclusion_thresholds]
        if len(set(sectors)) != len(sectors):
            raise RuleViolation("each sector has one inclusion threshold", field="inclusion_thresholds",
                                article="M-5")
        for i, t in enumerate(self.inclusion_thresholds):
            if t.min_emissions_t < 0 or (t.min_energy_tce is not None and t.min_energy_tce < 0):
                raise RuleViolation("inclusion thresholds cannot be negative",
                                    field=f"inclusion_thresholds[{i}]", article="M-5")

    def surrender_period_end(self, determined_on: date) -> date:
        """M-16 (the platform's reading): the last day of the period an entity gets from a determination made or
        raised on `determined_on` — `surrender_days_after_determination` days including that day."""
        return determined_on + timedelta(days=self.surrender_days_after_determination - 1)

    def threshold_for(self, sector: str) -> InclusionThreshold | None:
        return next((t for t in self.inclusion_thresholds if t.sector == sector), None)
