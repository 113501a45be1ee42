"""M-40 administrative measures for violations of M-12, M-13 ¶2, M-16 (cases under M-37, M-38, M-39)."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (Department, MeasureEffect, MeasureKind, StepKind, apply_measures, decide_fine,
                                dismiss, record_payment, settle_obligation)

ALL = set(MeasureKind)


def _by_effect(measures):
    return {m.effect: m for m in measures}


def test_m40_measures_years_from_the_shanghai_year_of_the_decision(ordered, sh):
    case = ordered("M-39")
    made = _by_effect(apply_measures(case, ALL, sh(2026, 8, 5, 10), actor="officer-1"))
    fund, award, project = (made[MeasureEffect.SPECIAL_FUND_INELIGIBLE], made[MeasureEffect.AWARD_INELIGIBLE],
                            made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED])
    assert (fund.from_year, fund.to_year) == (2026, 2027)
    assert (award.from_year, award.to_year) == (2026, 2028)
    assert (project.from_year, project.to_year) == (2027, 2027)


def test_m40_year_is_the_shanghai_year_not_the_utc_year(ordered, sh):
    case = ordered("M-39")
    decided = sh(2027, 1, 1, 0, 30)  # still 31 Dec 2026 in UTC
    assert decided.year == 2026
    made = _by_effect(apply_measures(case, {MeasureKind.PROJECT_ASSESSMENT_REFUSED}, decided, actor="officer-1"))
    assert made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED].from_year == 2028


def test_m40_1_credit_record_notification_and_publication_with_recipients(ordered, timeline):
    case = ordered("M-37")
    made = _by_effect(apply_measures(case, {"credit_record"}, timeline["order_at"], actor="officer-1"))
    assert set(made) == {MeasureEffect.CREDIT_RECORD_ENTERED, MeasureEffect.DEPARTMENTS_NOTIFIED,
                         MeasureEffect.PUBLISHED}
    assert made[MeasureEffect.CREDIT_RECORD_ENTERED].departments == (Department.CREDIT_INFORMATION,)
    assert made[MeasureEffect.DEPARTMENTS_NOTIFIED].departments == (
        Department.MARKET_REGULATION, Department.TAX, Department.FINANCE)
    assert made[MeasureEffect.PUBLISHED].departments == (Department.PUBLIC,)
    assert all(m.article == "M-40(1)" and m.from_year is None for m in made.values())
    assert all(m.party_id == "E-0002" and m.case_id == "CASE-1" for m in made.values())


def test_m40_1_credit_record_unpublished_when_the_authority_does_not_publish(ordered, timeline):
    made = _by_effect(apply_measures(ordered("M-39"), {"credit_record"}, timeline["order_at"], actor="officer-1",
                                     published=False))
    assert set(made) == {MeasureEffect.CREDIT_RECORD_ENTERED, MeasureEffect.DEPARTMENTS_NOTIFIED}


def test_m40_2_special_fund_and_awards_are_selected_separately(ordered, sh):
    case = ordered("M-39")
    made = apply_measures(case, {"award_ineligible"}, sh(2026, 8, 5, 10), actor="officer-1")
    assert [(m.effect, m.from_year, m.to_year) for m in made] == [(MeasureEffect.AWARD_INELIGIBLE, 2026, 2028)]
    assert case.measures_applied == ["award_ineligible"]


def test_m40_2_and_3_recipients(ordered, timeline):
    made = _by_effect(apply_measures(ordered("M-38-1"), ALL - {MeasureKind.CREDIT_RECORD}, timeline["order_at"],
                                     actor="officer-1"))
    assert made[MeasureEffect.SPECIAL_FUND_INELIGIBLE].departments == (Department.ENERGY_SAVING_FUND,)
    assert made[MeasureEffect.AWARD_INELIGIBLE].departments == (Department.ENERGY_SAVING_AWARDS,)
    assert made[MeasureEffect.PROJECT_ASSESSMENT_REFUSED].departments == (Department.PROJECT_APPROVAL,)
    assert {m.article for m in made.values()} == {"M-40(2)", "M-40(3)"}


@pytest.mark.parametrize("article", ["M-37", "M-38-1", "M-38-2", "M-39"])
def test_m40_measures_apply_to_m37_m38_m39_cases(ordered, timeline, article):
    assert len(apply_measures(ordered(article), ALL, timeline["order_at"], actor="officer-1")) == 6


@pytest.mark.parametrize("article", ["M-41", "M-42"])
def test_m40_measures_refused_for_m41_m42_cases(ordered, timeline, article):
    case = ordered(article)
    with pytest.raises(RuleViolation) as err:
        apply_measures(case, ALL, timeline["order_at"], actor="officer-1")
    assert (err.value.article, err.value.field) == ("M-40", "measures")
    assert case.measures_applied == []


def test_m40_each_measure_applied_once(ordered, timeline):
    case = ordered("M-39")
    apply_measures(case, {MeasureKind.CREDIT_RECORD}, timeline["order_at"], actor="officer-1")
    with pytest.raises(Conflict) as err:
        apply_measures(case, {MeasureKind.CREDIT_RECORD, MeasureKind.AWARD_INELIGIBLE},
                       timeline["order_at"], actor="officer-1")
    assert err.value.article == "M-40"
    assert case.measures_applied == ["credit_record"]  # the refused call applied nothing
    apply_measures(case, {MeasureKind.AWARD_INELIGIBLE}, timeline["order_at"], actor="officer-1")
    assert case.measures_applied == ["credit_record", "award_ineligible"]


def test_m40_selection_must_name_known_measures(ordered, timeline):
    for bad in (set(), {"blacklist"}):
        with pytest.raises(RuleViolation) as err:
            apply_measures(ordered("M-39"), bad, timeline["order_at"], actor="officer-1")
        assert err.value.field == "measures"


def test_m40_measures_recorded_in_the_case_history(ordered, timeline):
    case = ordered("M-39")
    apply_measures(case, {MeasureKind.PROJECT_ASSESSMENT_REFUSED}, timeline["order_at"], actor="officer-3")
    step = case.history[-1]
    assert (step.kind, step.actor) == (StepKind.MEASURES_APPLIED, "officer-3")
    assert "M-40(3)" in step.detail and "2027" in step.detail


def test_m40_measures_need_an_order_and_no_dismissal(opened, ordered, timeline):
    with pytest.raises(Conflict):
        apply_measures(opened("M-39"), ALL, timeline["order_at"], actor="officer-1")
    case = ordered("M-39")
    dismiss(case, timeline["order_at"], "officer-1", "shortfall was a registry error")
    with pytest.raises(Conflict):
        apply_measures(case, ALL, timeline["order_at"], actor="officer-1")


def test_m40_measures_may_follow_a_closed_m39_case(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    decide_fine(case, t, "officer-1", Decimal("50000.00"), "shortfall")
    settle_obligation(case, t + timedelta(days=1), "registry")
    record_payment(case, t + timedelta(days=2), "E-0002", Decimal("50000.00"))
    assert case.is_closed
    assert apply_measures(case, {MeasureKind.CREDIT_RECORD}, t + timedelta(days=3), actor="officer-1")


def test_m40_measures_need_an_actor(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        apply_measures(ordered("M-39"), ALL, timeline["order_at"], actor="")
    assert err.value.field == "actor"
