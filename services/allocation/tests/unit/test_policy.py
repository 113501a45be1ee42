"""AllocationPolicy: the per-year parameters of M-5, M-16 and M-17."""
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from allocation.domain.policy import AllocationPolicy, InclusionThreshold


def test_m16_default_window_is_1_to_30_june_of_the_following_year():
    p = AllocationPolicy.default(2024)
    assert (p.year, p.surrender_open, p.surrender_close) == (2024, date(2025, 6, 1), date(2025, 6, 30))




def test_m16_window_may_open_and_close_on_the_same_day_but_not_close_before_opening():
    AllocationPolicy(2024, surrender_open=date(2025, 6, 1), surrender_close=date(2025, 6, 1))
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2024, surrender_open=date(2025, 6, 1), surrender_close=date(2025, 5, 31))
    assert (e.value.field, e.value.article) == ("surrender_close", "M-16")


def test_m16_window_dates_must_lie_in_the_following_year_or_later():
    AllocationPolicy(2024, surrender_open=date(2025, 1, 1), surrender_close=date(2025, 1, 1))
    AllocationPolicy(2024, surrender_open=date(2025, 12, 1), surrender_close=date(2026, 1, 31))
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2024, surrender_open=date(2024, 12, 31), surrender_close=date(2025, 6, 30))
    assert e.value.field == "surrender_open"
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2024, surrender_open=date(2025, 6, 1), surrender_close=date(2024, 12, 31))
    assert e.value.field == "surrender_close"


def test_m17_defaults_ratio_5_percent_and_earliest_reduction_2013():
    p = AllocationPolicy.default(2024)
    assert p.ccer_ratio == Decimal("0.05")
    assert p.ccer_earliest_reduction_date == date(2013, 1, 1)


@pytest.mark.parametrize("ratio", [Decimal("0"), Decimal("1"), Decimal("0.1")])
def test_m17_ratio_between_0_and_1_inclusive_accepted(ratio):
    assert AllocationPolicy(2024, date(2025, 6, 1), date(2025, 6, 30), ccer_ratio=ratio).ccer_ratio == ratio


@pytest.mark.parametrize("ratio", [Decimal("-0.0001"), Decimal("1.0001"), Decimal("NaN"), 0.05])
def test_m17_ratio_outside_0_to_1_or_not_decimal_refused(ratio):
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2024, date(2025, 6, 1), date(2025, 6, 30), ccer_ratio=ratio)
    assert (e.value.field, e.value.article) == ("ccer_ratio", "M-17")


def test_m5_default_thresholds_are_shanghai_2023_list():
    p = AllocationPolicy.default(2024)
    assert p.threshold_for("industry") == InclusionThreshold("industry", 20_000, 10_000)
    assert p.threshold_for("aviation") == InclusionThreshold("aviation", 20_000, 10_000)
    assert p.threshold_for("water_transport").min_emissions_t == 100_000
    assert p.threshold_for("data_centre").min_emissions_t == 20_000
    for sector in ("road_freight", "building", "port", "airport"):
        assert p.threshold_for(sector).min_emissions_t == 10_000
    assert p.threshold_for("agriculture") is None


def test_m5_thresholds_are_a_per_year_parameter_validated():
    custom = AllocationPolicy(2030, date(2031, 6, 1), date(2031, 6, 30),
                              inclusion_thresholds=(InclusionThreshold("industry", 0),))
    assert custom.threshold_for("industry").min_emissions_t == 0
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2030, date(2031, 6, 1), date(2031, 6, 30),
                         inclusion_thresholds=(InclusionThreshold("port", 1), InclusionThreshold("port", 2)))
    assert (e.value.field, e.value.article) == ("inclusion_thresholds", "M-5")
    with pytest.raises(RuleViolation) as e:
        AllocationPolicy(2030, date(2031, 6, 1), date(2031, 6, 30),
                         inclusion_thresholds=(InclusionThreshold("port", 1), InclusionThreshold("x", -1)))
    assert e.value.field == "inclusion_thresholds[1]"


def test_policy_is_immutable():
    with pytest.raises(FrozenInstanceError):
        AllocationPolicy.default(2024).ccer_ratio = Decimal("0.1")  # type: ignore[misc]
