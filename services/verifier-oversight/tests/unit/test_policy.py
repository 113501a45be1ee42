"""OversightPolicy: the per-year parameters of the verifier-oversight rules (V)."""
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from verifier_oversight.domain.policy import (
    CONFIDENTIALITY_BREACH, DEFAULT_SCORING_TABLE, INSPECTION_MAJOR, INSPECTION_MINOR, LATE_REPORT,
    RECHECK_CORRECTED, STARTING_SCORE, OversightPolicy,
)


def test_v_policy_defaults_match_regulation_section_9():
    p = OversightPolicy(year=2024)
    assert p.exam_pass_mark == 60
    assert (p.excellent_min, p.pass_min) == (90, 60)
    assert p.blacklist_years == 5
    assert p.random_ratio == Decimal("0.10") and isinstance(p.random_ratio, Decimal)
    assert p.random_minimum == 1
    assert p.experts_per_inspection_min == 2
    assert p.consecutive_fails_for_suspension == 2
    assert STARTING_SCORE == 100


def test_v_default_scoring_table_has_the_named_deduction_items():
    p = OversightPolicy(year=2024)
    for code in (RECHECK_CORRECTED, LATE_REPORT, INSPECTION_MAJOR, INSPECTION_MINOR, CONFIDENTIALITY_BREACH):
        points, description = p.scoring_table[code]
        assert points > 0 and description
    assert p.scoring_table is DEFAULT_SCORING_TABLE
    assert p.deduction_points(INSPECTION_MAJOR) > p.deduction_points(INSPECTION_MINOR)


def test_v_scoring_table_is_a_per_year_parameter():
    table = {"X": (7, "custom item")}
    p = OversightPolicy(year=2025, scoring_table=table)
    assert p.deduction_points("X") == 7
    with pytest.raises(RuleViolation) as e:
        p.deduction_points(RECHECK_CORRECTED)
    assert e.value.field == "code" and e.value.article == "V"


def test_v_default_scoring_table_is_read_only():
    with pytest.raises(TypeError):
        DEFAULT_SCORING_TABLE["NEW"] = (1, "x")  # type: ignore[index]


@pytest.mark.parametrize("kwargs, field", [
    ({"exam_pass_mark": 101}, "exam_pass_mark"),
    ({"exam_pass_mark": -1}, "exam_pass_mark"),
    ({"pass_min": 91, "excellent_min": 90}, "pass_min"),
    ({"pass_min": 0}, "pass_min"),
    ({"excellent_min": 101}, "pass_min"),
    ({"blacklist_years": 0}, "blacklist_years"),
    ({"random_ratio": Decimal("1.01")}, "random_ratio"),
    ({"random_ratio": Decimal("-0.01")}, "random_ratio"),
    ({"random_minimum": -1}, "random_minimum"),
    ({"experts_per_inspection_min": 0}, "experts_per_inspection_min"),
    ({"consecutive_fails_for_suspension": 0}, "consecutive_fails_for_suspension"),
    ({"scoring_table": {"X": (0, "no points")}}, "scoring_table"),
    ({"scoring_table": {"X": (3, "")}}, "scoring_table"),
])
def test_v_policy_rejects_impossible_parameters(kwargs, field):
    with pytest.raises(RuleViolation) as e:
        OversightPolicy(year=2024, **kwargs)
    assert e.value.field == field


def test_v_policy_accepts_equal_thresholds_and_edge_ratios():
    OversightPolicy(year=2024, pass_min=80, excellent_min=80, random_ratio=Decimal(1), exam_pass_mark=100)
    OversightPolicy(year=2024, random_ratio=Decimal(0), random_minimum=0, exam_pass_mark=0)


def test_v_sampling_ratio_kept_exact_even_if_given_as_float():
    p = OversightPolicy(year=2024, random_ratio=0.1)  # type: ignore[arg-type]
    assert p.random_ratio == Decimal("0.1")
