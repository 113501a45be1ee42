"""Opening a case and the order to correct / surrender with its deadline (§8; M-37, M-38, M-39, M-41, M-42)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (Article, CaseSource, CaseStatus, Closure, EnforcementPolicy, OrderKind, PartyKind,
                                PenaltyCase, StepKind, Violation, parse_article)

OFFICER = "enforcement_officer:li"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})  # each rule on its own
OPENED_AT = datetime(2026, 6, 30, 16, 0, 5, tzinfo=timezone.utc)


def _open(article: str, *, year: int | None = 2025, shortfall: int | None = None, allegation: str = "x",
          source: CaseSource = CaseSource.OFFICER, source_ref: str | None = "file", policy: EnforcementPolicy = P):
    violation = Violation(parse_article(article), "E-1", "k", allegation, OPENED_AT, year, shortfall)
    return PenaltyCase.open("C", violation, OPENED_AT, OFFICER, source=source, correlation_id="corr", policy=policy,
                            source_ref=source_ref)


def test_m39_case_opened_from_shortfall_event_carries_entity_year_tonnes_and_correlation(opened, timeline):
    case = opened("M-39", shortfall=30_000)
    assert (case.entity_id, case.compliance_year, case.shortfall_tonnes, case.outstanding_tonnes) == (
        "E-0002", 2025, 30_000, 30_000)
    assert case.party_kind is PartyKind.COVERED_ENTITY and case.order_kind is OrderKind.SURRENDER
    assert "surrender 30000 allowances for compliance year 2025" in case.order_detail
    assert case.status is CaseStatus.OPENED and case.correlation_id == "corr-1"
    assert [s.kind for s in case.history] == [StepKind.OPENED]
    assert case.history[0].at == timeline["opened_at"] and case.history[0].actor == case.opened_by


@pytest.mark.parametrize("shortfall", [0, -1, None, True, 1.5])
def test_m39_case_needs_a_positive_whole_shortfall(shortfall):
    with pytest.raises(RuleViolation) as err:
        _open("M-39", shortfall=shortfall)
    assert (err.value.field, err.value.article) == ("shortfall_tonnes", "M-39")


@pytest.mark.parametrize("year", [None, 2012, 2026, 2027])
def test_m39_case_needs_a_past_compliance_year(year):
    with pytest.raises(RuleViolation) as err:
        _open("M-39", year=year, shortfall=10)
    assert err.value.field == "compliance_year"


def test_s8_case_from_event_must_name_the_event():
    with pytest.raises(RuleViolation) as err:
        _open("M-39", shortfall=10, source=CaseSource.EVENT, source_ref=None)
    assert err.value.field == "source_ref"


def test_s8_officer_case_needs_an_allegation_and_no_shortfall():
    with pytest.raises(RuleViolation) as err:
        _open("M-37", allegation=" ")
    assert err.value.field == "allegation"
    with pytest.raises(RuleViolation) as err:
        _open("M-37", shortfall=5)
    assert err.value.field == "shortfall_tonnes"


def test_s8_unknown_article_refused():
    with pytest.raises(RuleViolation) as err:
        parse_article("M-43")
    assert err.value.field == "article"


def test_m41_m42_party_kinds_follow_the_article(opened):
    assert opened("M-41").party_kind is PartyKind.AGENCY and opened("M-41").entity_id is None
    assert opened("M-42").party_kind is PartyKind.EXCHANGE


def test_m37_order_deadline_defaults_to_30_days_param(ordered, timeline):
    case = ordered("M-37")
    assert case.order.deadline == timeline["last_day"] == date(2026, 8, 1)
    assert case.order.overdue_from == timeline["overdue_from"]
    assert case.status is CaseStatus.ORDER_ISSUED
    assert case.history[-1].kind is StepKind.ORDER_ISSUED and case.history[-1].actor == OFFICER


def test_m37_to_m42_order_deadline_is_a_policy_param_per_article(ordered):
    days = {a: 30 for a in Article} | {Article.M37: 10, Article.M41: 60}
    policy = EnforcementPolicy(order_deadline_days=days, four_eyes=P.four_eyes)
    assert ordered("M-37", policy=policy).order.deadline == date(2026, 7, 12)
    assert ordered("M-41", policy=policy).order.deadline == date(2026, 8, 31)
    assert ordered("M-39", policy=policy).order.deadline == date(2026, 8, 1)


def test_m37_order_deadline_counts_shanghai_dates(opened, sh):
    case = opened("M-37")
    case.issue_order(sh(2026, 7, 2, 7, 30), OFFICER, P)  # 1 July 23:30 UTC is already 2 July in Shanghai
    assert case.order.deadline == date(2026, 8, 1)


def test_m37_officer_may_set_the_deadline_but_not_on_or_before_the_day_of_issue(opened, timeline):
    case = opened("M-37")
    for bad in (date(2026, 7, 2), date(2026, 7, 1)):
        with pytest.raises(RuleViolation) as err:
            case.issue_order(timeline["order_at"], OFFICER, P, deadline=bad)
        assert err.value.field == "deadline"
    case.issue_order(timeline["order_at"], OFFICER, P, deadline=date(2026, 7, 3))
    assert case.order.deadline == date(2026, 7, 3)


def test_s8_order_issued_once(ordered, timeline):
    case = ordered("M-37")
    with pytest.raises(Conflict):
        case.issue_order(timeline["order_at"], OFFICER, P)


def test_m37_overdue_at_the_tick_after_the_deadline_not_before(ordered, timeline):
    case = ordered("M-37")
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    assert case.tick(just_before, P) == []
    assert case.status is CaseStatus.ORDER_ISSUED
    steps = case.tick(timeline["overdue_from"], P)
    assert [s.kind for s in steps] == [StepKind.OVERDUE] and steps[0].actor == "system"
    assert case.status is CaseStatus.OVERDUE and case.order.overdue_at == timeline["overdue_from"]
    assert case.tick(timeline["overdue_from"] + timedelta(days=1), P) == []  # recorded once


def test_m37_corrected_before_deadline_closes_without_fine(ordered, timeline):
    case = ordered("M-37")
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    steps = case.record_correction(just_before, OFFICER, "report resubmitted", P)
    assert [s.kind for s in steps] == [StepKind.CORRECTED, StepKind.CLOSED]
    assert case.closure is Closure.CORRECTED and case.status is CaseStatus.CLOSED


def test_m37_correction_at_the_deadline_instant_is_late_and_keeps_case_open(ordered, timeline):
    case = ordered("M-37")
    steps = case.record_correction(timeline["overdue_from"], OFFICER, "report resubmitted", P)
    assert [s.kind for s in steps] == [StepKind.OVERDUE, StepKind.CORRECTED]
    assert "after the deadline" in steps[-1].detail
    assert case.status is CaseStatus.AWAITING_DECISION and not case.is_closed


def test_m38_1_corrected_in_time_closes(ordered, timeline):
    case = ordered("M-38-1")
    case.record_correction(timeline["order_at"] + timedelta(days=1), OFFICER, "true documents supplied", P)
    assert case.closure is Closure.CORRECTED


def test_m38_2_correction_alone_never_closes_the_case(ordered, timeline):
    case = ordered("M-38-2")
    case.record_correction(timeline["order_at"] + timedelta(days=1), OFFICER, "verification admitted", P)
    assert case.status is CaseStatus.AWAITING_DECISION and not case.is_closed


def test_m37_m41_correction_before_any_order_then_no_order(opened, timeline):
    case = opened("M-37")
    case.record_correction(timeline["order_at"], OFFICER, "corrected on notice", P)
    assert case.closure is Closure.CORRECTED
    other = opened("M-41")
    other.record_correction(timeline["order_at"], OFFICER, "report withdrawn", P)
    with pytest.raises(Conflict):
        other.issue_order(timeline["order_at"], OFFICER, P)


def test_m39_case_is_not_corrected_but_surrendered(ordered, timeline):
    with pytest.raises(Conflict):
        ordered("M-39").record_correction(timeline["order_at"], OFFICER, "paid instead", P)


def test_m41_correction_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-41")
    case.record_correction(timeline["order_at"], OFFICER, "fixed", P)
    with pytest.raises(Conflict):
        case.record_correction(timeline["order_at"], OFFICER, "fixed again", P)


def test_m37_correction_needs_a_detail(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        ordered("M-37").record_correction(timeline["order_at"], OFFICER, "  ", P)
    assert err.value.field == "detail"


def test_s8_dismissal_closes_with_reasons(ordered, timeline):
    case = ordered("M-37")
    steps = case.dismiss(timeline["order_at"], OFFICER, "report was in fact filed on time", P)
    assert [s.kind for s in steps] == [StepKind.CLOSED]
    assert case.closure is Closure.DISMISSED and "report was in fact filed on time" in steps[0].detail
    with pytest.raises(Conflict):
        case.issue_order(timeline["order_at"], OFFICER, P)
    with pytest.raises(RuleViolation) as err:
        ordered("M-37").dismiss(timeline["order_at"], OFFICER, "", P)
    assert err.value.field == "reasons"


def test_m37_to_m42_order_applies_to_every_article(ordered):
    for article in Article:
        assert ordered(article).status is CaseStatus.ORDER_ISSUED
