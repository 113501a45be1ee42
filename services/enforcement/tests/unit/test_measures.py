"""M-40 administrative measures for violations of M-12, M-13 ¶2, M-16 (cases under M-37, M-38, M-39): each with its
first and last day, and what they answer to the departments on the first day, the last day and the day after."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (Article, Department, EnforcementPolicy, MeasureEffect, MeasureKind, StepKind,
                                eligibility)
from enforcement.domain.policy import add_years

OFFICER = "enforcement_officer:li"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})
ALL = list(MeasureKind)


def applied(case, kinds, at, policy=P) -> dict:
    case.apply_measures(kinds, at, OFFICER, "violation established", policy)
    return {m.effect: m for m in case.measures}


def test_m40_windows_from_the_shanghai_date_of_the_decision(ordered, sh):
    made = applied(ordered("M-39"), ALL, sh(2026, 8, 5, 10))
    windows = {e.value: (m.starts_on, m.ends_on) for e, m in made.items()}
    assert windows == {
        "credit_record_entered": (date(2026, 8, 5), date(2029, 8, 4)),  # publicity_years = 3
        "departments_notified": (date(2026, 8, 5), date(2029, 8, 4)),
        "published": (date(2026, 8, 5), date(2029, 8, 4)),
        "special_fund_ineligible": (date(2026, 8, 5), date(2027, 12, 31)),  # 当年度及下一年度
        "award_ineligible": (date(2026, 8, 5), date(2029, 8, 4)),  # 3年内
        "project_assessment_refused": (date(2027, 1, 1), date(2027, 12, 31)),  # 下一年度
    }


def test_m40_dates_are_shanghai_dates_not_utc(ordered, sh):
    decided = sh(2027, 1, 1, 0, 30)  # still 31 Dec 2026 in UTC
    assert decided.year == 2026
    made = applied(ordered("M-39"), [MeasureKind.PROJECT_ASSESSMENT_REFUSED], decided)
    assert made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED].starts_on == date(2028, 1, 1)


def test_m40_publicity_period_is_a_policy_param(ordered, sh):
    policy = EnforcementPolicy(publicity_years=1, four_eyes=P.four_eyes)
    made = applied(ordered("M-37", policy=policy), ["credit_record"], sh(2026, 8, 5), policy)
    assert made[MeasureEffect.CREDIT_RECORD_ENTERED].ends_on == date(2027, 8, 4)


def test_m40_1_credit_record_comes_with_notice_and_mandatory_publication(ordered, timeline):
    made = applied(ordered("M-37"), ["credit_record"], timeline["order_at"])
    assert set(made) == {MeasureEffect.CREDIT_RECORD_ENTERED, MeasureEffect.DEPARTMENTS_NOTIFIED,
                         MeasureEffect.PUBLISHED}
    assert made[MeasureEffect.CREDIT_RECORD_ENTERED].departments == (Department.CREDIT_INFORMATION,)
    assert made[MeasureEffect.DEPARTMENTS_NOTIFIED].departments == (
        Department.MARKET_REGULATION, Department.TAX, Department.FINANCE)
    assert made[MeasureEffect.PUBLISHED].departments == (Department.PUBLIC,)
    assert all(m.article == "M-40(1)" and m.party_id == "E-0002" for m in made.values())


def test_m40_2_and_3_recipients(ordered, timeline):
    made = applied(ordered("M-38-1"), [k for k in ALL if k is not MeasureKind.CREDIT_RECORD], timeline["order_at"])
    assert made[MeasureEffect.SPECIAL_FUND_INELIGIBLE].departments == (Department.ENERGY_SAVING_FUND,)
    assert made[MeasureEffect.AWARD_INELIGIBLE].departments == (Department.ENERGY_SAVING_AWARDS,)
    assert made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED].departments == (Department.PROJECT_APPROVAL,)
    assert {m.article for m in made.values()} == {"M-40(2)", "M-40(3)"}


def test_m40_credit_record_notice_and_publication_window_first_day_last_day_day_after(ordered, sh):
    made = applied(ordered("M-39"), ["credit_record"], sh(2026, 8, 5, 10))
    measures = list(made.values())
    days = (date(2026, 8, 4), date(2026, 8, 5), date(2029, 8, 4), date(2029, 8, 5))
    assert [bool(eligibility.credit_records(measures, day)) for day in days] == [False, True, True, False]
    for effect in (MeasureEffect.DEPARTMENTS_NOTIFIED, MeasureEffect.PUBLISHED):
        assert [made[effect].in_force_on(day) for day in days] == [False, True, True, False]


def test_m40_special_funds_window_current_and_next_year(ordered, sh):
    measures = list(applied(ordered("M-39"), ["special_fund_ineligible"], sh(2026, 8, 5, 10)).values())
    assert [eligibility.special_funds(measures, y).allowed for y in (2025, 2026, 2027, 2028)] == [
        True, False, False, True]
    refused = eligibility.special_funds(measures, 2027)
    assert [m.case_id for m in refused.because] == ["CASE-1"]
    (fund,) = measures
    assert [fund.in_force_on(d) for d in (date(2026, 8, 4), date(2026, 8, 5), date(2027, 12, 31),
                                          date(2028, 1, 1))] == [False, True, True, False]


def test_m40_awards_window_three_years_first_day_last_day_day_after(ordered, sh):
    measures = list(applied(ordered("M-39"), ["award_ineligible"], sh(2026, 8, 5, 10)).values())
    assert [eligibility.awards(measures, d).allowed for d in (
        date(2026, 8, 4), date(2026, 8, 5), date(2029, 8, 4), date(2029, 8, 5))] == [True, False, False, True]


def test_m40_project_assessment_refused_in_the_next_year_only(ordered, sh):
    measures = list(applied(ordered("M-39"), ["project_assessment_refused"], sh(2026, 8, 5, 10)).values())
    assert [eligibility.project_assessment(measures, y).allowed for y in (2026, 2027, 2028)] == [True, False, True]
    (project,) = measures
    assert [project.in_force_on(d) for d in (date(2026, 12, 31), date(2027, 1, 1), date(2027, 12, 31),
                                             date(2028, 1, 1))] == [False, True, True, False]


@pytest.mark.parametrize("article", ["M-37", "M-38-1", "M-38-2", "M-39"])
def test_m40_measures_apply_to_m37_m38_m39_cases(ordered, timeline, article):
    assert len(applied(ordered(article), ALL, timeline["order_at"])) == 6


@pytest.mark.parametrize("article", ["M-41", "M-42"])
def test_m40_measures_refused_for_m41_m42_cases(ordered, timeline, article):
    case = ordered(article)
    with pytest.raises(RuleViolation) as err:
        applied(case, ALL, timeline["order_at"])
    assert (err.value.article, err.value.field) == ("M-40", "measures")
    assert case.measures == []


def test_m40_each_measure_applied_once(ordered, timeline):
    case = ordered("M-39")
    applied(case, [MeasureKind.CREDIT_RECORD], timeline["order_at"])
    with pytest.raises(Conflict) as err:
        applied(case, [MeasureKind.CREDIT_RECORD, MeasureKind.AWARD_INELIGIBLE], timeline["order_at"])
    assert err.value.article == "M-40"
    assert case.measures_applied() == [MeasureKind.CREDIT_RECORD]  # the refused call applied nothing
    applied(case, [MeasureKind.AWARD_INELIGIBLE], timeline["order_at"])
    assert case.measures_applied() == [MeasureKind.CREDIT_RECORD, MeasureKind.AWARD_INELIGIBLE]
    assert {m.decision_no for m in case.measures} == {1, 2}


def test_m40_selection_must_name_known_measures_and_reasons(ordered, timeline):
    for bad in ([], ["blacklist"], [5], [None], [MeasureKind.CREDIT_RECORD, 5]):  # a non-text item too
        with pytest.raises(RuleViolation) as err:
            applied(ordered("M-39"), bad, timeline["order_at"])
        assert err.value.field == "measures"
    with pytest.raises(RuleViolation) as err:
        ordered("M-39").apply_measures(ALL, timeline["order_at"], OFFICER, " ", P)
    assert err.value.field == "reasons"


def test_m40_measures_recorded_in_the_case_history(ordered, timeline):
    case = ordered("M-39")
    case.apply_measures([MeasureKind.PROJECT_ASSESSMENT_REFUSED], timeline["order_at"], "enforcement_officer:wu",
                        "third shortfall in a row", P)
    step = case.history[-1]
    assert (step.kind, step.actor, step.ref) == (StepKind.MEASURES_APPLIED, "enforcement_officer:wu", 1)
    assert "M-40(3)" in step.detail and "2027" in step.detail and "third shortfall" in step.detail


def test_m40_measures_need_an_order_and_no_dismissal(opened, ordered, timeline):
    with pytest.raises(Conflict):
        applied(opened("M-39"), ALL, timeline["order_at"])
    case = ordered("M-39")
    case.dismiss(timeline["order_at"], OFFICER, "shortfall was a registry error", P)
    with pytest.raises(Conflict):
        applied(case, ALL, timeline["order_at"])


def test_m40_measures_may_follow_a_closed_m39_case(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.decide_fine(t, OFFICER, Decimal("50000.00"), "shortfall", P)
    case.settle_obligation(t + timedelta(days=1), "event:settled", P)
    case.notify_penalty(t + timedelta(days=2), OFFICER, regulatory_date(t), "post", P)
    case.record_payment(t + timedelta(days=2), OFFICER, Decimal("50000.00"), P)
    assert case.is_closed
    assert applied(case, [MeasureKind.CREDIT_RECORD], t + timedelta(days=3))


def test_m40_1_credit_records_are_the_credit_record_entries_only(ordered, sh):
    made = applied(ordered("M-39"), ALL, sh(2026, 8, 5, 10))
    measures = list(made.values())
    assert [m.effect for m in eligibility.credit_records(measures)] == [MeasureEffect.CREDIT_RECORD_ENTERED]
    assert [m.effect for m in eligibility.credit_records(measures, date(2026, 8, 5))] == [
        MeasureEffect.CREDIT_RECORD_ENTERED]


def test_m40_the_measures_behind_an_answer_come_in_order_of_their_first_day_then_case(ordered, sh):
    """Several cases may bar the same thing; the department sees them oldest first (the same day: by case id)."""
    made = applied(ordered("M-39"), ALL, sh(2026, 8, 5, 10))
    fund, award, credit = (made[MeasureEffect.SPECIAL_FUND_INELIGIBLE], made[MeasureEffect.AWARD_INELIGIBLE],
                           made[MeasureEffect.CREDIT_RECORD_ENTERED])
    project = made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED]

    def others(m):  # the same measure from two later cases, given newest first
        return [replace(m, case_id="CASE-3", starts_on=m.starts_on + timedelta(days=30)),
                replace(m, case_id="CASE-2", starts_on=m.starts_on + timedelta(days=30))]

    def cases(found):
        return [m.case_id for m in found]

    assert cases(eligibility.special_funds(others(fund) + [fund], 2027).because) == ["CASE-1", "CASE-2", "CASE-3"]
    assert cases(eligibility.awards(others(award) + [award], date(2027, 1, 1)).because) == [
        "CASE-1", "CASE-2", "CASE-3"]
    assert cases(eligibility.project_assessment(others(project) + [project], 2027).because) == [
        "CASE-1", "CASE-2", "CASE-3"]
    assert cases(eligibility.credit_records(others(credit) + [credit])) == ["CASE-1", "CASE-2", "CASE-3"]
    assert cases(eligibility.credit_records(others(credit) + [credit], date(2027, 1, 1))) == [
        "CASE-1", "CASE-2", "CASE-3"]


def test_m40_1_a_window_from_29_february_ends_on_28_february_in_a_common_year():
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert add_years(date(2027, 3, 1), 1) == date(2028, 3, 1)
