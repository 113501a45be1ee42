"""V (事后): the 100-point evaluation — deductions under the year's table with caps, evidence, contests and reviews,
grades on both sides of each threshold, the whole year finalised at once, ranking, blacklist and suspension."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.assignments import Engagement
from verifier_oversight.domain.evaluation import (
    DeductionSource, DeductionStatus, Evaluation, Grade, add_deduction, contest, finalisation_bars, finalise_year,
    grade_for, item_totals, make_deduction, reprice, restate, review, score_of, suspension_due, withdraw,
)
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.scoring import ItemKind, ScoringItem, ScoringTable, check_items, default_table

from .conftest import T0

ONE = ScoringTable(2025, 1, check_items([ScoringItem("ONE", "one point", ItemKind.FINDING, 1)]))


def deduction(n: int, code: str = "ONE", table: ScoringTable = ONE, agency_id: str = "a1"):
    return make_deduction(f"d{agency_id}{n}", agency_id, 2025, code, "test", DeductionSource.OFFICER, ["photo"], T0,
                          table)


def with_points(total: int, agency_id: str = "a1") -> Evaluation:
    ev = Evaluation(agency_id, 2025)
    for i in range(total):
        ev = add_deduction(ev, deduction(i, agency_id=agency_id))
    return ev


def test_v_agency_starts_at_100_points():
    assert score_of(Evaluation("a1", 2025).deductions, ONE) == 100


def test_v_deductions_accumulate_and_the_score_is_floored_at_0():
    assert score_of(with_points(7).deductions, ONE) == 93
    table = default_table(2025)
    ev = Evaluation("a1", 2025)
    for n, code in enumerate(["FALSE_REPORT", "DATA_MISUSE", "INSPECTION_MAJOR", "MAJOR_ERROR"]):
        ev = add_deduction(ev, deduction(n, code, table))
    assert item_totals(ev.deductions, table)["FALSE_REPORT"] == (41, 41)
    assert score_of(ev.deductions, table) == 0  # 41 + 41 + 10 + 20 > 100


def test_v_an_items_total_is_capped():
    table = default_table(2025)  # INSPECTION_MINOR: 2 points, cap 10
    ev = Evaluation("a1", 2025)
    for n in range(5):
        ev = add_deduction(ev, deduction(n, "INSPECTION_MINOR", table))
    assert (item_totals(ev.deductions, table)["INSPECTION_MINOR"], score_of(ev.deductions, table)) == ((10, 10), 90)
    ev = add_deduction(ev, deduction(5, "INSPECTION_MINOR", table))
    assert (item_totals(ev.deductions, table)["INSPECTION_MINOR"], score_of(ev.deductions, table)) == ((12, 10), 90)
    ev = add_deduction(ev, deduction(6, "INSPECTION_MAJOR", table))  # other items still count
    assert score_of(ev.deductions, table) == 80


@pytest.mark.parametrize(("deducted", "score", "grade"), [
    (0, 100, Grade.EXCELLENT), (10, 90, Grade.EXCELLENT), (11, 89, Grade.PASS),
    (40, 60, Grade.PASS), (41, 59, Grade.FAIL), (100, 0, Grade.FAIL),
])
def test_v_grade_boundaries_excellent_at_90_pass_at_60_both_sides(deducted, score, grade, policy):
    final, entries = finalise_year([with_points(deducted)], T0, policy, ONE)
    assert (final[0].final_score, final[0].grade) == (score, grade)
    assert bool(entries) == (grade is Grade.FAIL)


def test_v_grade_thresholds_are_policy_parameters():
    p = OversightPolicy(year=2025, excellent_min=95, pass_min=70)
    assert [grade_for(s, p) for s in (95, 94, 70, 69)] == [Grade.EXCELLENT, Grade.PASS, Grade.PASS, Grade.FAIL]


def test_v_failed_agency_blacklisted_for_the_5_following_years(policy):
    _, [entry] = finalise_year([with_points(41)], T0, policy, ONE)
    assert (entry.agency_id, entry.evaluated_year, entry.from_year, entry.to_year) == ("a1", 2025, 2026, 2030)
    assert [y for y in range(2025, 2032) if entry.covers(y)] == [2026, 2027, 2028, 2029, 2030]
    _, none = finalise_year([with_points(41)], T0, OversightPolicy(year=2025, blacklist_years=0), ONE)
    assert none == []  # other pilots' regime: no blacklist


def test_v_year_finalised_together_ranked_with_shared_ranks(policy):
    evaluations = [with_points(5, "a3"), with_points(0, "a1"), with_points(5, "a2"), with_points(50, "a4")]
    final, entries = finalise_year(evaluations, T0, policy, ONE)
    assert [(e.agency_id, e.final_score, e.rank, e.grade) for e in final] == [
        ("a1", 100, 1, Grade.EXCELLENT), ("a2", 95, 2, Grade.EXCELLENT), ("a3", 95, 2, Grade.EXCELLENT),
        ("a4", 50, 4, Grade.FAIL)]
    assert all(e.finalised_at == T0 and e.table_version == 1 for e in final)
    assert [e.agency_id for e in entries] == ["a4"]
    with pytest.raises(Conflict):
        finalise_year(final, T0, policy, ONE)
    with pytest.raises(Conflict):
        add_deduction(final[0], deduction(99))


def engagement(entity_id: str, **kw) -> Engagement:
    return Engagement(entity_id, 2025, "a1", 1, "assigned", T0, **kw)


def test_v_evaluation_final_only_after_the_years_verification_work_is_over(policy):
    done = [engagement("E-1", verified_at=T0), engagement("E-2", missing_at=T0)]
    evaluations = [Evaluation("a1", 2025)]
    assert finalisation_bars(2025, date(2026, 6, 1), policy, done, evaluations) == []
    early = finalisation_bars(2025, date(2026, 5, 31), policy, done, evaluations)
    assert len(early) == 1 and "opens on 2026-06-01" in early[0]
    waiting = [engagement("E-1"), engagement("E-2", verified_at=T0, recheck_opened_at=T0),
               engagement("E-3", verified_at=T0, recheck_opened_at=T0, determined_at=T0 + timedelta(days=9))]
    [bar] = finalisation_bars(2025, date(2026, 6, 1), policy, waiting, evaluations)
    assert bar.startswith("2 engagements of 2025 are still open") and "E-1, E-2" in bar
    assert finalisation_bars(2025, date(2026, 6, 1), policy, done, [])[0].startswith("no agency worked")


def test_v_deduction_contested_then_upheld_or_withdrawn_by_review():
    ev = with_points(2)
    ev = contest(ev, "da10", "the photo shows another site", T0)
    assert ev.deduction("da10").status is DeductionStatus.CONTESTED
    assert score_of(ev.deductions, ONE) == 98  # provisional: counts until reviewed
    with pytest.raises(Conflict):
        contest(ev, "da10", "again", T0)
    [bar] = finalisation_bars(2025, date(2026, 7, 1), OversightPolicy(year=2025), [], [ev])
    assert "da10" in bar
    upheld = review(ev, "da10", True, "the photo is of the entity's site", T0)
    assert upheld.deduction("da10").status is DeductionStatus.UPHELD and score_of(upheld.deductions, ONE) == 98
    dropped = review(ev, "da10", False, "the agency is right", T0)
    assert dropped.deduction("da10").status is DeductionStatus.WITHDRAWN and score_of(dropped.deductions, ONE) == 99
    assert len(dropped.deductions) == 2  # kept on record
    with pytest.raises(Conflict):
        review(upheld, "da10", False, "changed my mind", T0)
    with pytest.raises(RuleViolation) as e:
        contest(with_points(1), "da10", " ", T0)
    assert e.value.field == "grounds"


def test_v_authority_withdraws_a_mistaken_deduction_with_its_reason():
    ev = withdraw(with_points(1), "da10", "recorded against the wrong agency", T0)
    assert ev.deduction("da10").review_reason == "recorded against the wrong agency"
    assert score_of(ev.deductions, ONE) == 100
    with pytest.raises(Conflict):
        withdraw(ev, "da10", "again", T0)
    with pytest.raises(Conflict, match="review the contest"):
        withdraw(contest(with_points(1), "da10", "no", T0), "da10", "x", T0)
    with pytest.raises(RuleViolation) as e:
        withdraw(with_points(1), "nope", "x", T0)
    assert e.value.field == "deduction_id"


def test_v_deduction_carries_reason_and_evidence():
    for reason, evidence, field in [(" ", ["x"], "reason"), ("r", [], "evidence"), ("r", ["ok", " "], "evidence")]:
        with pytest.raises(RuleViolation) as e:
            make_deduction("d", "a1", 2025, "ONE", reason, DeductionSource.OFFICER, evidence, T0, ONE)
        assert e.value.field == field


def test_v_item_the_table_omits_is_recorded_without_points_and_priced_when_a_version_adds_it():
    without = ScoringTable(2025, 1, check_items([ScoringItem("ONE", "one", ItemKind.FINDING, 1)]))
    d = make_deduction("LATE", "a1", 2025, "LATE_VERIFICATION", "late", DeductionSource.EVENT, ["mrv"], T0, without)
    assert d.points == 0 and "has no item LATE_VERIFICATION" in d.unscored and d.table_version == 1
    ev = add_deduction(Evaluation("a1", 2025), d)
    assert score_of(ev.deductions, without) == 100
    later = replace(default_table(2025), version=2)
    repriced = reprice(ev, later)
    assert repriced.deductions[0].points == 5 and repriced.deductions[0].unscored is None
    assert repriced.deductions[0].table_version == 2 and score_of(repriced.deductions, later) == 95


@pytest.mark.parametrize(("fails", "due"), [({2024, 2025}, True), ({2025}, False), ({2023, 2025}, False)])
def test_v_two_consecutive_failing_years_suspend_seed_000_practice(fails, due):
    assert suspension_due(2025, fails, OversightPolicy(year=2025)) is due
    assert suspension_due(2025, fails, OversightPolicy(year=2025, consecutive_fails_for_suspension=None)) is False


# --- killing the surviving mutants of `./ets mutate` (README, "Mutation testing") ---------------------------------

def test_v_a_deduction_records_its_agency_year_instant_and_table_version():
    d = make_deduction("d1", "a7", 2025, "ONE", " late report ", DeductionSource.OFFICER, ["photo"], T0, ONE)
    assert (d.agency_id, d.year, d.recorded_at, d.table_version, d.points, d.reason) == (
        "a7", 2025, T0, 1, 1, "late report")


def test_v_an_item_a_later_table_version_drops_is_repriced_to_0_points():
    ev = with_points(3)
    assert score_of(ev.deductions, ONE) == 97
    later = ScoringTable(2025, 2, check_items([ScoringItem("OTHER", "other", ItemKind.FINDING, 1)]))
    repriced = reprice(ev, later)
    assert [(d.points, d.table_version) for d in repriced.deductions] == [(0, 2)] * 3
    assert all("has no item ONE" in d.unscored for d in repriced.deductions)
    assert score_of(repriced.deductions, later) == 100


def test_v_contest_review_and_withdrawal_are_recorded_with_their_reasons_and_instants():
    later = T0 + timedelta(days=3)
    contested = contest(with_points(2), "da10", " the photo shows another site ", T0)
    d = contested.deduction("da10")
    assert (d.contest_grounds, d.contested_at) == ("the photo shows another site", T0)
    d = review(contested, "da10", True, " the site is the entity's ", later).deduction("da10")
    assert (d.review_reason, d.reviewed_at) == ("the site is the entity's", later)
    d = withdraw(with_points(2), "da11", "wrong agency", later).deduction("da11")
    assert (d.status, d.reviewed_at) == (DeductionStatus.WITHDRAWN, later)


def test_v_a_one_year_blacklist_when_the_policy_says_one(policy):
    _, [entry] = finalise_year([with_points(41)], T0, replace(policy, blacklist_years=1), ONE)
    assert (entry.from_year, entry.to_year) == (2026, 2026)


def test_v_refusals_name_their_field_and_rule_v():
    ev = with_points(1)
    final, _ = finalise_year([with_points(1, "a9")], T0, OversightPolicy(year=2025), ONE)
    refusals = [
        (RuleViolation, lambda: ev.deduction("nope"), "deduction_id"),
        (RuleViolation, lambda: make_deduction("d", "a1", 2025, "ONE", " ", DeductionSource.OFFICER, ["x"], T0, ONE),
         "reason"),
        (RuleViolation, lambda: make_deduction("d", "a1", 2025, "ONE", "r", DeductionSource.OFFICER, [" "], T0, ONE),
         "evidence"),
        (Conflict, lambda: add_deduction(ev, deduction(0)), "deduction_id"),
        (RuleViolation, lambda: contest(ev, "da10", " ", T0), "grounds"),
        (Conflict, lambda: contest(contest(ev, "da10", "no", T0), "da10", "again", T0), "deduction_id"),
        (Conflict, lambda: review(ev, "da10", True, "not contested", T0), "deduction_id"),
        (RuleViolation, lambda: review(contest(ev, "da10", "no", T0), "da10", True, " ", T0), "reason"),
        (RuleViolation, lambda: withdraw(ev, "da10", " ", T0), "reason"),
        (Conflict, lambda: withdraw(withdraw(ev, "da10", "x", T0), "da10", "again", T0), "deduction_id"),
        (Conflict, lambda: add_deduction(final[0], deduction(5, agency_id="a9")), None),
    ]
    for error, act, field in refusals:
        with pytest.raises(error) as e:
            act()
        assert (e.value.field, e.value.article) == (field, "V")


def test_v_a_restated_automatic_deduction_keeps_its_contest_review_and_first_recording():
    """A later determination revision restates the deduction (new points, reason, evidence); what the agency and
    the authority did about it, and when it was first recorded, stay."""
    later = T0 + timedelta(days=10)
    ev = review(contest(with_points(1), "da10", "not ours", T0), "da10", True, "it is", T0)
    newer = make_deduction("da10", "a1", 2025, "ONE", "restated", DeductionSource.EVENT, ["mrv rev 2"], later, ONE)
    d = restate(ev, newer).deduction("da10")
    assert (d.reason, d.evidence, d.recorded_at) == ("restated", ("mrv rev 2",), T0)
    assert (d.status, d.contest_grounds, d.contested_at, d.review_reason, d.reviewed_at) == (
        DeductionStatus.UPHELD, "not ours", T0, "it is", T0)
    with pytest.raises(RuleViolation):
        restate(ev, replace(newer, deduction_id="unknown"))
    final, _ = finalise_year([ev], later, OversightPolicy(year=2025), ONE)
    with pytest.raises(Conflict):
        restate(final[0], newer)
