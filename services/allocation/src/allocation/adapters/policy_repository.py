"""The per-year policy document (GET/PUT /policy/{year}): a pydantic mirror of `AllocationPolicy` (M-5, M-12 ¶2,
M-16, M-17). Defaults: surrender 1-30 June of Y+1 and at least 30 days after a late determination, CCERs up to 5% of
the year's allocation, reductions from 2013-01-01, Shanghai's 2023 sector thresholds, reporting from 10,000 t."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session

from allocation.domain import AllocationPolicy, InclusionThreshold
from ets_shared.bounds import DecimalString
from ets_shared.persistence.policy import PolicyCache, load_domain_policy


class InclusionThresholdDocument(BaseModel):
    sector: str = Field(min_length=1, max_length=100)
    min_emissions_t: int = Field(ge=0, description="covered at or above this many tCO2e a year (以上, inclusive)")
    min_energy_tce: int | None = Field(default=None, ge=0, description="or at or above this energy use (tce)")


class AllocationPolicyDocument(BaseModel):
    surrender_open: date = Field(description="M-16: first day of the surrender window (Shanghai date, inclusive)")
    surrender_close: date = Field(description="M-16: last day; the shortfall check runs at 00:00 the day after")
    ccer_ratio: DecimalString = Field(Decimal("0.05"), ge=0, le=1,
                                description="M-17: CCERs may cover at most this share of the year's allocation")
    ccer_earliest_reduction_date: date = Field(date(2013, 1, 1),
                                               description="M-17: earlier reductions are not eligible")
    inclusion_thresholds: list[InclusionThresholdDocument] = Field(
        default_factory=lambda: [InclusionThresholdDocument(**vars(t))
                                 for t in AllocationPolicy.default(2013).inclusion_thresholds],
        description="M-5: sector thresholds of coverage")
    surrender_days_after_determination: int = Field(
        30, ge=1, le=366, description="M-16: an entity whose emissions are determined (or raised) late may surrender "
                                      "for this many days counted from the determination's day, even past the "
                                      "window's close, before it can be in shortfall")
    reporting_threshold_t: int = Field(10_000, ge=0, description="M-12 ¶2: emitters at or above this many tCO2e a "
                                                                 "year that are not covered must report")
    exit_report_days: int = Field(15, ge=1, le=366, description="M-18: an exiting entity reports its current-year "
                                                                "emissions within this many days of its exit")
    exit_recall_ratio: DecimalString = Field(Decimal("0.5"), ge=0, le=1, description="M-18: the share of the free "
                                       "allowances already issued for later years that is recalled on exit")
    paid_share: DecimalString = Field(Decimal(0), ge=0, le=1,
                                      description="M-9: the share of the cap a new plan reserves "
                                                  "for paid allocation (auction or fixed price)")
    auction_reserve_price: DecimalString = Field(Decimal("0.00"), ge=0, max_digits=12, decimal_places=2,
                                           description="M-9: RMB per allowance; lower bids are not admitted")

    @model_validator(mode="after")
    def _window_in_order(self) -> AllocationPolicyDocument:
        if self.surrender_close < self.surrender_open:
            raise ValueError("surrender_close cannot be before surrender_open")
        return self

    @classmethod
    def default(cls, year: int) -> AllocationPolicyDocument:
        policy = AllocationPolicy.default(year)
        return cls(surrender_open=policy.surrender_open, surrender_close=policy.surrender_close,
                   ccer_ratio=policy.ccer_ratio, ccer_earliest_reduction_date=policy.ccer_earliest_reduction_date,
                   surrender_days_after_determination=policy.surrender_days_after_determination,
                   reporting_threshold_t=policy.reporting_threshold_t, exit_report_days=policy.exit_report_days,
                   exit_recall_ratio=policy.exit_recall_ratio, paid_share=policy.paid_share,
                   auction_reserve_price=policy.auction_reserve_price)

    def for_year(self, year: int) -> AllocationPolicy:
        """The domain policy; a RuleViolation if the document does not fit the year (e.g. a window before Y+1)."""
        return AllocationPolicy(year, self.surrender_open, self.surrender_close, self.ccer_ratio,
                                self.ccer_earliest_reduction_date,
                                tuple(InclusionThreshold(**t.model_dump()) for t in self.inclusion_thresholds),
                                self.surrender_days_after_determination, self.reporting_threshold_t,
                                self.exit_report_days, self.exit_recall_ratio, self.paid_share,
                                self.auction_reserve_price)


def policy_for(session: Session, year: int) -> AllocationPolicy:
    """The domain policy in force for `year`, made once per session (a consumed batch of determinations asks for
    it once per event)."""
    return load_domain_policy(session, year, AllocationPolicyDocument, AllocationPolicyDocument.default,
                              AllocationPolicyDocument.for_year)


def policy_cache(session: Session) -> PolicyCache:
    """The allocation policies of the years one transaction touches, each loaded once."""
    return PolicyCache(session, policy_for)
