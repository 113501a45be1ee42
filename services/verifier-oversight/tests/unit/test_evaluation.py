"""V: yearly evaluation, 100-point deduction scoring, grades, blacklist; other pilots' suspension practice."""
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.agencies import BlacklistEntry, TenderAward
from verifier_oversight.domain.evaluation import (
    Deduction, DeductionSource, Evaluation, Grade, add_deduction, excellent_agencies, finalise, grade_for,
    open_evaluation, score_of, suspension_flag, withdraw_deduction,
)
from verifier_oversight.domain.policy import (
    CONFIDENTIALITY_BREACH, INSPECTION_MAJOR, INSPECTION_MINOR, LATE_REPORT, RECHECK_CORRECTED, OversightPolicy,
)

AT = datetime(2025, 9, 1, 2, 0, tzinfo=timezone.utc)
POLICY = OversightPolicy(year=2024)
ONE = {"ONE": (1, "one point")}


def with_points(total: int, policy=None) -> tuple[Evaluation, OversightPolicy]:
    """An open 2024 evaluation carrying `total` points of deductions (1 point each)."""
    policy = policy or OversightPolicy(year=2024, scoring_table=ONE)
    ev = Evaluation("a1", 2024)
    for i in range(total):
        ev = add_deduction(ev, f"d{i}", "ONE", "other", "test", policy)
    return ev, policy


def test_v_agency_scoring_starts_at_100_and_grades_fail_below_60():
    ev = Evaluation("a1", 2024)
    assert ev.score == 100
    final, entry = finalise(ev, AT, POLICY)
    assert (final.final_score, final.grade, entry) == (100, Grade.EXCELLENT, None)
    ev59, p = with_points(41)
    final, entry = finalise(ev59, AT, p)
    assert (final.final_score, final.grade) == (59, Grade.FAIL)
    assert entry is not None


@pytest.mark.parametrize("deducted, score, grade", [
    (0, 100, Grade.EXCELLENT), (10, 90, Grade.EXCELLENT), (11, 89, Grade.PASS),
    (40, 60, Grade.PASS), (41, 59, Grade.FAIL), (100, 0, Grade.FAIL),
])
def test_v_grade_boundaries_excellent_at_90_pass_at_60(deducted, score, grade):
    ev, p = with_points(deducted)
    final, entry = finalise(ev, AT, p)
    assert (final.final_score, final.grade) == (score, grade)
    assert (entry is not None) == (grade is Grade.FAIL)


def test_v_grade_thresholds_are_policy_parameters():
    p = OversightPolicy(year=2024, excellent_min=95, pass_min=70)
    assert [grade_for(s, p) for s in (95, 94, 70, 69)] == [Grade.EXCELLENT, Grade.PASS, Grade.PASS, Grade.FAIL]
    assert [grade_for(s, POLICY) for s in (90, 89, 60, 59)] == [Grade.EXCELLENT, Grade.PASS, Grade.PASS, Grade.FAIL]


def test_v_deductions_accumulate_from_the_scoring_table():
    ev = Evaluation("a1", 2024)
    ev = add_deduction(ev, "d1", RECHECK_CORRECTED, "determination", "report R-7 corrected in re-check", POLICY,
                       reference="det-7")
    ev = add_deduction(ev, "d2", LATE_REPORT, "other", "late", POLICY)
    ev = add_deduction(ev, "d3", INSPECTION_MINOR, "inspection", "sampling gap", POLICY)
    expected = sum(POLICY.deduction_points(c) for c in (RECHECK_CORRECTED, LATE_REPORT, INSPECTION_MINOR))
    assert ev.score == 100 - expected
    assert ev.deductions[0] == Deduction("d1", RECHECK_CORRECTED, POLICY.deduction_points(RECHECK_CORRECTED),
                                         "report R-7 corrected in re-check", DeductionSource.DETERMINATION, "det-7")


def test_v_score_is_floored_at_zero():
    ev = Evaluation("a1", 2024)
    for i in range(5):
        ev = add_deduction(ev, f"d{i}", CONFIDENTIALITY_BREACH, "other", "leak", POLICY)
    assert ev.score == 0 and score_of(ev.deductions) == 0
    assert finalise(ev, AT, POLICY)[0].final_score == 0


def test_v_failed_agency_blacklisted_for_5_years():
    ev, p = with_points(41)
    _, entry = finalise(ev, AT, p)
    assert entry == BlacklistEntry("a1", 2024, 2025, 2029, entry.reason)
    assert "59" in entry.reason
    three = OversightPolicy(year=2024, scoring_table=ONE, blacklist_years=3)
    _, entry = finalise(with_points(41, three)[0], AT, three)
    assert (entry.from_year, entry.to_year) == (2025, 2027)


def test_v_passing_agency_is_not_blacklisted():
    ev, p = with_points(40)
    assert finalise(ev, AT, p)[1] is None


def test_v_evaluation_is_finalised_once():
    final, _ = finalise(add_deduction(Evaluation("a1", 2024), "d1", LATE_REPORT, "other", "late", POLICY), AT, POLICY)
    assert final.finalised_at == AT
    for change in (lambda: finalise(final, AT, POLICY),
                   lambda: add_deduction(final, "d2", LATE_REPORT, "other", "late", POLICY),
                   lambda: withdraw_deduction(final, "d1")):
        with pytest.raises(Conflict):
            change()


def test_v_deduction_withdrawn_before_finalisation():
    ev = add_deduction(Evaluation("a1", 2024), "d1", INSPECTION_MAJOR, "inspection", "x", POLICY)
    assert withdraw_deduction(ev, "d1").score == 100
    with pytest.raises(RuleViolation) as e:
        withdraw_deduction(ev, "nope")
    assert e.value.field == "deduction_id"


@pytest.mark.parametrize("code, source, reason, field", [
    ("NO_SUCH_ITEM", "other", "x", "code"),
    (LATE_REPORT, "gossip", "x", "source"),
    (LATE_REPORT, "other", "   ", "reason"),
])
def test_v_deduction_input_checked(code, source, reason, field):
    with pytest.raises(RuleViolation) as e:
        add_deduction(Evaluation("a1", 2024), "d1", code, source, reason, POLICY)
    assert e.value.field == field and e.value.article == "V"


def test_v_same_deduction_not_recorded_twice():
    ev = add_deduction(Evaluation("a1", 2024), "d1", LATE_REPORT, "other", "late", POLICY)
    with pytest.raises(Conflict):
        add_deduction(ev, "d1", LATE_REPORT, "other", "late", POLICY)


def test_v_policy_of_another_year_is_a_programming_error():
    with pytest.raises(ValueError):
        add_deduction(Evaluation("a1", 2024), "d1", LATE_REPORT, "other", "late", OversightPolicy(year=2023))
    with pytest.raises(ValueError):
        finalise(Evaluation("a1", 2024), AT, OversightPolicy(year=2025))


def test_v_every_selected_agency_evaluated_once_per_year():
    awards = [TenderAward("a1", 2024)]
    ev = open_evaluation("a1", 2024, awards, evaluations=[])
    assert ev == Evaluation("a1", 2024)
    with pytest.raises(Conflict):
        open_evaluation("a1", 2024, awards, evaluations=[ev])
    with pytest.raises(RuleViolation) as e:
        open_evaluation("a2", 2024, awards, evaluations=[])
    assert e.value.field == "agency_id"


def _final(agency_id, year, grade):
    return Evaluation(agency_id, year, (), AT, 0, grade)


def test_v_practice_two_consecutive_failing_years_raise_suspension_flag():
    p = OversightPolicy(year=2024)
    history = [_final("a1", 2023, Grade.FAIL), _final("a1", 2024, Grade.FAIL), _final("a2", 2024, Grade.FAIL),
               _final("a3", 2022, Grade.FAIL), _final("a3", 2024, Grade.FAIL), _final("a4", 2023, Grade.FAIL),
               _final("a4", 2024, Grade.PASS)]
    assert [a for a in ("a1", "a2", "a3", "a4") if suspension_flag(a, 2024, history, p)] == ["a1"]
    assert suspension_flag("a2", 2024, history, OversightPolicy(year=2024, consecutive_fails_for_suspension=1))
    assert not suspension_flag("a2", 2024, [Evaluation("a2", 2023), _final("a2", 2024, Grade.FAIL)], p)


def test_v_practice_excellent_agencies_published_yearly():
    history = [_final("b", 2024, Grade.EXCELLENT), _final("a", 2024, Grade.EXCELLENT), _final("c", 2024, Grade.PASS),
               _final("d", 2023, Grade.EXCELLENT), Evaluation("e", 2024)]
    assert excellent_agencies(history, 2024) == ["a", "b"]
