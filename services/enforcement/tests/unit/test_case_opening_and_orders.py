"""Opening a case and the order to correct / surrender with its deadline (§8; M-37, M-38, M-39, M-41, M-42)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (Article, CaseSource, CaseStatus, Closure, EnforcementPolicy, OrderKind, PartyKind,
                                StepKind, dismiss, issue_order, open_case, record_correction, tick)


def test_m39_case_opened_from_shortfall_event_carries_entity_year_and_tonnes(opened, timeline):
    case = opened("M-39", shortfall=30_000)
    assert (case.entity_id, case.compliance_year, case.shortfall_tonnes, case.outstanding_tonnes) == (
        "E-0002", 2025, 30_000, 30_000)
    assert case.party_kind is PartyKind.COVERED_ENTITY and case.order_kind is OrderKind.SURRENDER
    assert "surrender 30000 allowances for compliance year 2025" in case.order_detail
    assert case.status is CaseStatus.OPENED
    assert [s.kind for s in case.history] == [StepKind.OPENED]
    assert case.history[0].at == timeline["opened_at"] and case.history[0].actor == "system"


@pytest.mark.parametrize("shortfall", [0, -1, None, True, 1.5])
def test_m39_case_needs_a_positive_whole_shortfall(shortfall, timeline):
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-39", "E-1", timeline["opened_at"], "system", source=CaseSource.EVENT, source_ref="e",
                  compliance_year=2025, shortfall_tonnes=shortfall)
    assert (err.value.field, err.value.article) == ("shortfall_tonnes", "M-39")


@pytest.mark.parametrize("year", [None, 2012, 2026, 2027])
def test_m39_case_needs_a_past_compliance_year(year, timeline):
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-39", "E-1", timeline["opened_at"], "system", source=CaseSource.EVENT, source_ref="e",
                  compliance_year=year, shortfall_tonnes=10)
    assert err.value.field == "compliance_year"


def test_s8_case_from_event_must_name_the_event(timeline):
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-39", "E-1", timeline["opened_at"], "system", source=CaseSource.EVENT,
                  compliance_year=2025, shortfall_tonnes=10)
    assert err.value.field == "source_ref"


def test_s8_officer_case_needs_an_allegation_and_no_shortfall(timeline):
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-37", "E-1", timeline["opened_at"], "officer-1", source=CaseSource.OFFICER)
    assert err.value.field == "allegation"
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-37", "E-1", timeline["opened_at"], "officer-1", source=CaseSource.OFFICER,
                  allegation="x", shortfall_tonnes=5)
    assert err.value.field == "shortfall_tonnes"


def test_s8_unknown_article_refused_on_opening(timeline):
    with pytest.raises(RuleViolation) as err:
        open_case("C", "M-43", "E-1", timeline["opened_at"], "officer-1", source=CaseSource.OFFICER,
                  allegation="x")
    assert err.value.field == "article"


def test_m41_m42_party_kinds_follow_the_article(opened):
    assert opened("M-41").party_kind is PartyKind.AGENCY and opened("M-41").entity_id is None
    assert opened("M-42").party_kind is PartyKind.EXCHANGE


def test_m37_order_deadline_defaults_to_30_days_param(ordered, timeline):
    case = ordered("M-37")
    assert case.order_deadline == timeline["last_day"] == date(2026, 8, 1)
    assert case.overdue_from == timeline["overdue_from"]
    assert case.status is CaseStatus.ORDER_ISSUED
    assert case.history[-1].kind is StepKind.ORDER_ISSUED and case.history[-1].actor == "officer-1"


def test_m37_order_deadline_days_is_a_policy_param(ordered):
    case = ordered("M-37", policy=EnforcementPolicy(order_deadline_days=10))
    assert case.order_deadline == date(2026, 7, 12)


def test_m37_order_deadline_counts_shanghai_dates(opened, sh):
    case = opened("M-37")
    issue_order(case, sh(2026, 7, 2, 7, 30), "officer-1")  # 1 July 23:30 UTC is already 2 July in Shanghai
    assert case.order_deadline == date(2026, 8, 1)


def test_m37_officer_may_set_the_deadline_but_not_on_or_before_the_day_of_issue(opened, timeline):
    case = opened("M-37")
    for bad in (date(2026, 7, 2), date(2026, 7, 1)):
        with pytest.raises(RuleViolation) as err:
            issue_order(case, timeline["order_at"], "officer-1", deadline=bad)
        assert err.value.field == "deadline"
    issue_order(case, timeline["order_at"], "officer-1", deadline=date(2026, 7, 3))
    assert case.order_deadline == date(2026, 7, 3)


def test_s8_order_issued_once(ordered, timeline):
    case = ordered("M-37")
    with pytest.raises(Conflict):
        issue_order(case, timeline["order_at"], "officer-1")


def test_m37_overdue_at_the_deadline_instant_not_before(ordered, timeline):
    case = ordered("M-37")
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    assert tick(case, just_before) == []
    assert case.status is CaseStatus.ORDER_ISSUED
    steps = tick(case, timeline["overdue_from"])
    assert [s.kind for s in steps] == [StepKind.OVERDUE] and steps[0].actor == "system"
    assert case.status is CaseStatus.OVERDUE and case.overdue_at == timeline["overdue_from"]
    assert tick(case, timeline["overdue_from"] + timedelta(days=1)) == []  # recorded once


def test_m37_corrected_before_deadline_closes_without_fine(ordered, timeline):
    case = ordered("M-37")
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    steps = record_correction(case, just_before, "officer-1", "report resubmitted")
    assert [s.kind for s in steps] == [StepKind.CORRECTED, StepKind.CLOSED]
    assert case.closure is Closure.CORRECTED and case.status is CaseStatus.CLOSED


def test_m37_correction_at_the_deadline_instant_is_late_and_keeps_case_open(ordered, timeline):
    case = ordered("M-37")
    steps = record_correction(case, timeline["overdue_from"], "officer-1", "report resubmitted")
    assert [s.kind for s in steps] == [StepKind.OVERDUE, StepKind.CORRECTED]
    assert "after the deadline" in steps[-1].detail
    assert case.status is CaseStatus.AWAITING_DECISION and not case.is_closed


def test_m38_1_corrected_in_time_closes(ordered, timeline):
    case = ordered("M-38-1")
    record_correction(case, timeline["order_at"] + timedelta(days=1), "officer-1", "true documents supplied")
    assert case.closure is Closure.CORRECTED


def test_m38_2_correction_alone_never_closes_the_case(ordered, timeline):
    case = ordered("M-38-2")
    record_correction(case, timeline["order_at"] + timedelta(days=1), "officer-1", "verification admitted")
    assert case.status is CaseStatus.AWAITING_DECISION and not case.is_closed


def test_m37_m41_correction_before_any_order_then_no_order(opened, timeline):
    case = opened("M-37")
    record_correction(case, timeline["order_at"], "officer-1", "corrected on notice")
    assert case.closure is Closure.CORRECTED
    other = opened("M-41")
    record_correction(other, timeline["order_at"], "officer-1", "report withdrawn")
    with pytest.raises(Conflict):
        issue_order(other, timeline["order_at"], "officer-1")


def test_m39_case_is_not_corrected_but_surrendered(ordered, timeline):
    with pytest.raises(Conflict):
        record_correction(ordered("M-39"), timeline["order_at"], "officer-1", "paid instead")


def test_m41_correction_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-41")
    record_correction(case, timeline["order_at"], "officer-1", "fixed")
    with pytest.raises(Conflict):
        record_correction(case, timeline["order_at"], "officer-1", "fixed again")


def test_m37_correction_needs_a_detail(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        record_correction(ordered("M-37"), timeline["order_at"], "officer-1", "  ")
    assert err.value.field == "detail"


def test_s8_dismissal_closes_with_reasons(ordered, timeline):
    case = ordered("M-37")
    steps = dismiss(case, timeline["order_at"], "officer-1", "report was in fact filed on time")
    assert [s.kind for s in steps] == [StepKind.DISMISSED, StepKind.CLOSED]
    assert case.closure is Closure.DISMISSED
    with pytest.raises(Conflict):
        issue_order(case, timeline["order_at"], "officer-1")
    with pytest.raises(RuleViolation) as err:
        dismiss(ordered("M-37"), timeline["order_at"], "officer-1", "")
    assert err.value.field == "reasons"


def test_m37_to_m42_order_applies_to_every_article(ordered):
    for article in Article:
        assert ordered(article).status is CaseStatus.ORDER_ISSUED
