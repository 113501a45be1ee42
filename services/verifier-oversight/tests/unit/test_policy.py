"""OversightPolicy: the per-year parameters of the verifier-oversight rules (V, M-13 ¶1), with the defaults of
docs/policy-parameters.md#verifier-oversight, each bounded."""
from datetime import date
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from verifier_oversight.domain.policy import OversightPolicy


def test_v_policy_defaults_match_regulation_section_9():
    p = OversightPolicy(year=2025)
    assert p.exam_pass_mark == 60
    assert (p.excellent_min, p.pass_min) == (90, 60)
    assert p.blacklist_years == 5
    assert p.consecutive_fails_for_suspension == 2
    assert (p.random_ratio, p.random_minimum, p.experts_per_inspection_min) == (Decimal("0.10"), 1, 2)
    assert (p.max_consecutive_years, p.advisory_cooling_off_years) == (3, 3)
    assert p.materiality_ratio == Decimal("0.05")
    assert p.evaluation_opens_on == date(2026, 6, 1)


def test_v_float_ratios_are_kept_as_the_decimals_they_were_written_as():
    p = OversightPolicy(year=2025, random_ratio=0.1, materiality_ratio=0.05)  # type: ignore[arg-type]
    assert p.random_ratio == Decimal("0.1") and p.materiality_ratio == Decimal("0.05")


@pytest.mark.parametrize(("values", "field"), [
    ({"exam_pass_mark": 101}, "exam_pass_mark"),
    ({"exam_pass_mark": -1}, "exam_pass_mark"),
    ({"pass_min": 0}, "pass_min"),
    ({"pass_min": 95}, "pass_min"),
    ({"excellent_min": 101}, "pass_min"),
    ({"blacklist_years": -1}, "blacklist_years"),
    ({"blacklist_years": 21}, "blacklist_years"),
    ({"consecutive_fails_for_suspension": 0}, "consecutive_fails_for_suspension"),
    ({"random_ratio": Decimal("1.01")}, "random_ratio"),
    ({"random_ratio": Decimal("-0.01")}, "random_ratio"),
    ({"random_minimum": -1}, "random_minimum"),
    ({"experts_per_inspection_min": 0}, "experts_per_inspection_min"),
    ({"max_consecutive_years": 0}, "max_consecutive_years"),
    ({"advisory_cooling_off_years": 21}, "advisory_cooling_off_years"),
    ({"materiality_ratio": Decimal("0")}, "materiality_ratio"),
    ({"evaluation_opens_on": date(2025, 12, 31)}, "evaluation_opens_on"),
])
def test_v_policy_refuses_values_out_of_bounds_naming_the_parameter(values, field):
    with pytest.raises(RuleViolation) as e:
        OversightPolicy(year=2025, **values)
    assert e.value.field == field


def test_v_policy_boundaries_are_accepted():
    OversightPolicy(year=2025, exam_pass_mark=0, pass_min=100, excellent_min=100, blacklist_years=0,
                    consecutive_fails_for_suspension=None, random_ratio=Decimal(1), random_minimum=0,
                    experts_per_inspection_min=1, max_consecutive_years=1, advisory_cooling_off_years=0,
                    materiality_ratio=Decimal(1), evaluation_opens_on=date(2026, 1, 1))


@pytest.mark.parametrize(("values", "field"), [
    ({"consecutive_fails_for_suspension": 11}, "consecutive_fails_for_suspension"),
    ({"random_minimum": 10_001}, "random_minimum"),
    ({"experts_per_inspection_min": 21}, "experts_per_inspection_min"),
    ({"max_consecutive_years": 21}, "max_consecutive_years"),
    ({"advisory_cooling_off_years": -1}, "advisory_cooling_off_years"),
    ({"materiality_ratio": Decimal("1.0001")}, "materiality_ratio"),
    ({"pass_min": 91, "excellent_min": 90}, "pass_min"),
])
def test_v_policy_upper_bounds_are_refused_under_article_v(values, field):
    with pytest.raises(RuleViolation) as e:
        OversightPolicy(year=2025, **values)
    assert (e.value.field, e.value.article) == (field, "V")


def test_v_policy_upper_boundaries_are_accepted():
    p = OversightPolicy(year=2025, exam_pass_mark=100, pass_min=1, excellent_min=1, blacklist_years=20,
                        consecutive_fails_for_suspension=10, random_minimum=10_000, experts_per_inspection_min=20,
                        max_consecutive_years=20, advisory_cooling_off_years=20)
    assert (p.exam_pass_mark, p.pass_min, p.blacklist_years, p.consecutive_fails_for_suspension) == (100, 1, 20, 10)
    assert OversightPolicy(year=2025, consecutive_fails_for_suspension=1).consecutive_fails_for_suspension == 1
    assert OversightPolicy(year=2025, evaluation_opens_on=date(2026, 7, 1)).evaluation_opens_on == date(2026, 7, 1)
