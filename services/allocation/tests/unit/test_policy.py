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


def _policy(**changes) -> AllocationPolicy:
    return AllocationPolicy(2024, date(2025, 6, 1), date(2025, 6, 30), **changes)


@pytest.mark.parametrize("field, value", [
    ("surrender_days_after_determination", 1), ("surrender_days_after_determination", 366),
    ("reporting_threshold_t", 0), ("exit_report_days", 1), ("exit_report_days", 366),
    ("exit_recall_ratio", Decimal(0)), ("exit_recall_ratio", Decimal(1)), ("paid_share", Decimal(0)),
    ("paid_share", Decimal(1)), ("auction_reserve_price", Decimal("0.00")),
])
def test_m9_m12_m16_m18_each_parameter_accepted_at_its_bounds(field, value):
    assert getattr(_policy(**{field: value}), field) == value


@pytest.mark.parametrize("field, value, article", [
    ("surrender_days_after_determination", 0, "M-16"), ("surrender_days_after_determination", 367, "M-16"),
    ("surrender_days_after_determination", True, "M-16"), ("surrender_days_after_determination", 30.0, "M-16"),
    ("reporting_threshold_t", -1, "M-12"), ("reporting_threshold_t", True, "M-12"),
    ("reporting_threshold_t", 10_000.0, "M-12"),
    ("exit_report_days", 0, "M-18"), ("exit_report_days", 367, "M-18"), ("exit_report_days", True, "M-18"),
    ("exit_report_days", 15.0, "M-18"),
    ("exit_recall_ratio", Decimal("-0.0001"), "M-18"), ("exit_recall_ratio", Decimal("1.0001"), "M-18"),
    ("exit_recall_ratio", Decimal("NaN"), "M-18"), ("exit_recall_ratio", 0.5, "M-18"),
    ("paid_share", Decimal("-0.0001"), "M-9"), ("paid_share", Decimal("1.0001"), "M-9"),
    ("paid_share", Decimal("Infinity"), "M-9"), ("paid_share", 0.1, "M-9"),
    ("auction_reserve_price", Decimal("-0.01"), "M-9"), ("auction_reserve_price", Decimal("NaN"), "M-9"),
    ("auction_reserve_price", 10.0, "M-9"),
])
def test_m9_m12_m16_m18_each_parameter_refused_outside_its_bounds_naming_it_and_its_article(field, value, article):
    with pytest.raises(RuleViolation) as e:
        _policy(**{field: value})
    assert (e.value.field, e.value.article) == (field, article)


def test_m16_each_refused_window_names_m16():
    for open_, close, field in ((date(2024, 12, 31), date(2025, 6, 30), "surrender_open"),
                                (date(2025, 6, 1), date(2024, 12, 31), "surrender_close"),
                                (date(2025, 6, 2), date(2025, 6, 1), "surrender_close")):
        with pytest.raises(RuleViolation) as e:
            AllocationPolicy(2024, open_, close)
        assert (e.value.field, e.value.article) == (field, "M-16")


def test_m5_a_negative_energy_threshold_is_refused_naming_its_index_and_m5():
    with pytest.raises(RuleViolation) as e:
        _policy(inclusion_thresholds=(InclusionThreshold("port", 1), InclusionThreshold("x", 0, -1)))
    assert (e.value.field, e.value.article) == ("inclusion_thresholds[1]", "M-5")
    assert _policy(inclusion_thresholds=(InclusionThreshold("x", 0, 0),)).threshold_for("x").min_energy_tce == 0


def test_m16_the_period_after_a_determination_counts_the_day_of_determination():
    assert _policy().surrender_period_end(date(2025, 7, 10)) == date(2025, 8, 8)  # 30 days, 10 July included
    assert _policy(surrender_days_after_determination=1).surrender_period_end(date(2025, 7, 10)) == date(2025, 7, 10)


def test_m5_m12_m16_m18_m9_documented_defaults():
    p = AllocationPolicy.default(2024)
    assert (p.surrender_days_after_determination, p.reporting_threshold_t, p.exit_report_days) == (30, 10_000, 15)
    assert (p.exit_recall_ratio, p.paid_share, p.auction_reserve_price) == (Decimal("0.5"), 0, Decimal("0.00"))
    assert [t.min_energy_tce for t in p.inclusion_thresholds] == [10_000, 10_000, None, None, None, None, None, None]
