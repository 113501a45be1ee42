"""Per-year MRV parameters: M-11, M-12, M-13, M-15 deadlines and thresholds, M-44(1) factor choice."""
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import NotFound, RuleViolation

from mrv.domain.factors import FactorSet
from mrv.domain.policy import DiscrepancyBase, MrvPolicy, is_late, missing_from


def sh(*args):
    """An instant given in Shanghai wall-clock time, as UTC."""
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def test_defaults_for_a_year():
    p = MrvPolicy.default(2023)
    assert p.recheck_discrepancy_ratio == Decimal("0.10")
    assert p.recheck_discrepancy_base is DiscrepancyBase.VERIFIED
    assert p.recheck_discrepancy_tonnes == 100_000
    assert p.recheck_year_on_year_ratio == Decimal("0.20")
    assert p.objection_period_days == 7
    assert p.determination_days == 30
    assert p.factor_set_id is None


def test_m11_monitoring_plan_for_year_y_due_31_dec_of_y_minus_1():
    p = MrvPolicy.default(2024)
    assert p.monitoring_plan_due == date(2023, 12, 31)
    assert not is_late(sh(2023, 12, 31, 23, 59), p.monitoring_plan_due)
    assert is_late(sh(2024, 1, 1, 0, 0), p.monitoring_plan_due)


def test_m12_report_due_31_march_of_next_year_inclusive_by_shanghai_date():
    p = MrvPolicy.default(2023)
    assert p.report_due == date(2024, 3, 31)
    assert not is_late(sh(2024, 3, 31, 23, 59, 59), p.report_due)
    assert is_late(sh(2024, 4, 1, 0, 0), p.report_due)
    # 31 Mar 16:30 UTC is already 1 Apr in Shanghai
    assert is_late(datetime(2024, 3, 31, 16, 30, tzinfo=timezone.utc), p.report_due)


def test_m13_verification_due_30_april_of_next_year():
    p = MrvPolicy.default(2023)
    assert p.verification_due == date(2024, 4, 30)
    assert not is_late(sh(2024, 4, 30, 12), p.verification_due)
    assert is_late(sh(2024, 5, 1, 0, 0, 1), p.verification_due)


def test_deadlines_can_be_set_per_year():
    p = MrvPolicy(year=2020, report_due=date(2021, 5, 31), verification_due=date(2021, 6, 30))
    assert p.report_due == date(2021, 5, 31) and p.verification_due == date(2021, 6, 30)
    assert p.monitoring_plan_due == date(2019, 12, 31)


def test_m13_verification_due_not_before_report_due():
    with pytest.raises(RuleViolation) as err:
        MrvPolicy(year=2023, verification_due=date(2024, 3, 30))
    assert err.value.field == "verification_due"


@pytest.mark.parametrize("days", [0, 7, 30])
def test_m15_objection_period_within_0_to_30_days(days):
    assert MrvPolicy(year=2023, objection_period_days=days).objection_period_days == days


@pytest.mark.parametrize("days", [-1, 31])
def test_m15_objection_period_outside_0_to_30_days_refused(days):
    with pytest.raises(RuleViolation) as err:
        MrvPolicy(year=2023, objection_period_days=days)
    assert err.value.field == "objection_period_days"
    assert err.value.article == "M-15"


def test_m15_objection_period_cannot_exceed_a_shorter_determination_period():
    MrvPolicy(year=2023, determination_days=20, objection_period_days=20)
    with pytest.raises(RuleViolation):
        MrvPolicy(year=2023, determination_days=20, objection_period_days=21)


@pytest.mark.parametrize("days", [0, 31])
def test_m15_determination_days_between_1_and_30(days):
    with pytest.raises(RuleViolation) as err:
        MrvPolicy(year=2023, determination_days=days)
    assert err.value.field == "determination_days"


@pytest.mark.parametrize("field, value", [
    ("recheck_discrepancy_ratio", Decimal(0)), ("recheck_discrepancy_ratio", 0.1),
    ("recheck_discrepancy_tonnes", 0), ("recheck_year_on_year_ratio", Decimal("-0.2")),
])
def test_m15_thresholds_must_be_positive_exact_values(field, value):
    with pytest.raises(RuleViolation) as err:
        MrvPolicy(year=2023, **{field: value})
    assert err.value.field == field


def test_m44_factor_set_by_year_or_override():
    assert MrvPolicy.default(2021).factor_set().factor_set_id == "SH-2012"
    assert MrvPolicy.default(2022).factor_set().factor_set_id == "SH-2022"
    assert MrvPolicy(year=2022, factor_set_id="SH-2012").factor_set().factor_set_id == "SH-2012"
    with pytest.raises(NotFound):
        MrvPolicy(year=2022, factor_set_id="nope").factor_set()


def test_policy_is_immutable():
    p = MrvPolicy.default(2023)
    with pytest.raises(FrozenInstanceError):
        p.objection_period_days = 3  # type: ignore[misc]
    assert timedelta(days=p.objection_period_days) == timedelta(days=7)


def refusal(**kwargs):
    with pytest.raises(RuleViolation) as err:
        MrvPolicy(year=2023, **kwargs)
    return err.value.field, err.value.article


@pytest.mark.parametrize("kwargs, field, article", [
    ({"recheck_discrepancy_ratio": 0.1}, "recheck_discrepancy_ratio", "M-15"),
    ({"recheck_year_on_year_ratio": 0.2}, "recheck_year_on_year_ratio", "M-15"),
    ({"recheck_discrepancy_ratio": Decimal(0)}, "recheck_discrepancy_ratio", "M-15"),
    ({"recheck_discrepancy_tonnes": 0}, "recheck_discrepancy_tonnes", "M-15"),
    ({"recheck_year_on_year_ratio": Decimal(0)}, "recheck_year_on_year_ratio", "M-15"),
    ({"determination_days": 0}, "determination_days", "M-15"),
    ({"determination_days": 31}, "determination_days", "M-15"),
    ({"objection_period_days": -1}, "objection_period_days", "M-15"),
    ({"report_due": date(2024, 4, 1), "verification_due": date(2024, 3, 31)}, "verification_due", "M-13"),
    ({"determination_copied_to": ("finance", "statistics", "finance")}, "determination_copied_to", "M-15"),
])
def test_m15_m13_a_refused_parameter_names_its_field_and_article(kwargs, field, article):
    assert refusal(**kwargs) == (field, article)


def test_m15_m13_the_smallest_accepted_parameters():
    p = MrvPolicy(year=2023, recheck_discrepancy_ratio=Decimal("0.0001"), recheck_discrepancy_tonnes=1,
                  recheck_year_on_year_ratio=Decimal("0.0001"), determination_days=1, objection_period_days=1,
                  verification_due=date(2024, 3, 31), determination_copied_to=())
    assert (p.determination_days, p.verification_due, p.report_due) == (1, date(2024, 3, 31), date(2024, 3, 31))
    assert MrvPolicy(year=2023, determination_days=30).determination_days == 30


def test_m12_something_due_on_a_day_is_missing_from_midnight_shanghai_the_day_after():
    assert missing_from(date(2024, 3, 31)) == sh(2024, 4, 1, 0, 0) == datetime(2024, 3, 31, 16, tzinfo=timezone.utc)


def test_m44_the_year_or_override_picks_from_the_sets_given():
    own = FactorSet("OWN", 2020, None, Decimal(1), Decimal(1), {})
    assert MrvPolicy.default(2023).factor_set([own]) is own
    assert MrvPolicy(year=2023, factor_set_id="OWN").factor_set([own]) is own


def test_m15_m11_determining_by_itself_is_off_unless_chosen_and_a_plan_deadline_given_is_kept():
    assert MrvPolicy(year=2023).automatic_determination is False
    assert MrvPolicy(year=2023, automatic_determination=True).automatic_determination is True
    assert MrvPolicy(year=2023, monitoring_plan_due=date(2022, 11, 30)).monitoring_plan_due == date(2022, 11, 30)
