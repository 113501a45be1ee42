"""M-39: order to surrender the shortfall; optional fine 50,000–100,000; the fine never replaces the surrender
(解读 5); a settlement before any fine leaves `fine_decision_window_days` to decide one."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (CaseStatus, Closure, EnforcementPolicy, StepKind, decide_fine, decline_fine,
                                record_payment, record_surrender, revise_shortfall, settle_obligation, tick)

D = Decimal


def test_m39_fine_may_be_decided_with_the_order_before_its_deadline(ordered, timeline):
    case = ordered("M-39")
    (step,) = decide_fine(case, timeline["order_at"] + timedelta(hours=1), "officer-1", D("80000.00"),
                          "shortfall of 30000 t")
    assert step.kind is StepKind.FINE_DECIDED and "the order stands" in step.detail


@pytest.mark.parametrize("amount,ok", [("49999.99", False), ("50000.00", True), ("100000.00", True),
                                       ("100000.01", False)])
def test_m39_fine_refused_outside_50000_to_100000_on_a_case(ordered, timeline, amount, ok):
    case = ordered("M-39")
    if ok:
        decide_fine(case, timeline["order_at"], "officer-1", D(amount), "shortfall")
        assert case.fine_amount == D(amount)
    else:
        with pytest.raises(RuleViolation) as err:
            decide_fine(case, timeline["order_at"], "officer-1", D(amount), "shortfall")
        assert (err.value.field, err.value.article) == ("amount", "M-39")


def test_m39_fine_never_replaces_surrender(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    decide_fine(case, t + timedelta(hours=1), "officer-1", D("100000.00"), "shortfall")
    steps = record_payment(case, t + timedelta(days=1), "E-0002", D("100000.00"))
    assert [s.kind for s in steps] == [StepKind.FINE_PAID]
    assert "does not replace" in steps[0].detail
    assert not case.is_closed and case.outstanding_tonnes == 30_000
    assert case.status is CaseStatus.ORDER_ISSUED
    tick(case, timeline["overdue_from"] + timedelta(days=365))  # paying and waiting a year still does not close it
    assert not case.is_closed and case.status is CaseStatus.OVERDUE
    steps = settle_obligation(case, timeline["overdue_from"] + timedelta(days=366), "registry")
    assert [s.kind for s in steps][-2:] == [StepKind.OBLIGATION_SETTLED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_settled_with_fine_unpaid_waits_for_payment(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    decide_fine(case, t, "officer-1", D("60000.00"), "shortfall")
    settle_obligation(case, t + timedelta(days=1), "registry")
    assert case.status is CaseStatus.FINE_UNPAID and not case.is_closed
    tick(case, t + timedelta(days=400))
    assert not case.is_closed
    record_payment(case, t + timedelta(days=401), "E-0002", D("60000.00"))
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_partial_surrenders_settle_at_zero(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    record_surrender(case, t + timedelta(days=1), "registry", 10_000)
    assert case.outstanding_tonnes == 20_000 and case.complied_at is None
    steps = record_surrender(case, t + timedelta(days=2), "registry", 25_000)
    assert case.outstanding_tonnes == 0
    assert [s.kind for s in steps] == [StepKind.SURRENDER_RECORDED, StepKind.OBLIGATION_SETTLED]
    assert case.status is CaseStatus.AWAITING_DECISION


@pytest.mark.parametrize("tonnes", [0, -5, True, 2.5])
def test_m39_surrender_is_whole_positive_tonnes(ordered, timeline, tonnes):
    with pytest.raises(RuleViolation) as err:
        record_surrender(ordered("M-39"), timeline["order_at"], "registry", tonnes)
    assert err.value.field == "tonnes"


def test_m39_settlement_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-39")
    settle_obligation(case, timeline["order_at"], "registry")
    with pytest.raises(Conflict):
        settle_obligation(case, timeline["order_at"], "registry")
    with pytest.raises(Conflict):
        record_surrender(case, timeline["order_at"], "registry", 1)


def test_m39_surrender_refused_on_other_articles(ordered, timeline):
    with pytest.raises(Conflict):
        settle_obligation(ordered("M-37"), timeline["order_at"], "registry")


def test_m39_settled_before_fine_officer_may_still_fine_within_window(ordered, sh):
    case = ordered("M-39")
    settle_obligation(case, sh(2026, 7, 10, 15), "registry")
    assert case.fine_window_end == date(2026, 8, 9) and not case.is_closed
    decide_fine(case, sh(2026, 8, 9, 23, 59, 59), "officer-1", D("50000.00"), "surrendered late")
    tick(case, sh(2026, 9, 30))
    assert case.status is CaseStatus.FINE_UNPAID
    record_payment(case, sh(2026, 10, 1), "E-0002", D("50000.00"))
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_settled_before_fine_closes_when_window_ends_without_decision(ordered, sh):
    case = ordered("M-39")
    settle_obligation(case, sh(2026, 7, 10, 15), "registry")
    assert tick(case, sh(2026, 8, 9, 23, 59, 59)) == []
    steps = tick(case, sh(2026, 8, 10))
    assert [(s.kind, s.actor) for s in steps] == [(StepKind.CLOSED, "system")]
    assert case.closure is Closure.SETTLED_NO_FINE
    with pytest.raises(Conflict):
        decide_fine(case, sh(2026, 8, 10, 1), "officer-1", D("50000.00"), "too late")


def test_m39_fine_after_window_refused_even_without_a_tick(ordered, sh):
    case = ordered("M-39")
    settle_obligation(case, sh(2026, 7, 10, 15), "registry")
    with pytest.raises(Conflict):
        decide_fine(case, sh(2026, 8, 10), "officer-1", D("50000.00"), "too late")
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_fine_window_is_a_policy_param(ordered, sh):
    policy = EnforcementPolicy(fine_decision_window_days=5)
    case = ordered("M-39", policy=policy)
    settle_obligation(case, sh(2026, 7, 10, 15), "registry", policy=policy)
    assert case.fine_window_end == date(2026, 7, 15)
    tick(case, sh(2026, 7, 16), policy)
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_officer_may_decline_the_optional_fine(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    settle_obligation(case, t + timedelta(days=1), "registry")
    steps = decline_fine(case, t + timedelta(days=2), "officer-1", "made good within two days")
    assert [s.kind for s in steps] == [StepKind.FINE_DECLINED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_declining_the_fine_does_not_release_the_surrender(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    decline_fine(case, t + timedelta(days=1), "officer-1", "first offence")
    assert not case.is_closed and case.outstanding_tonnes == 30_000
    with pytest.raises(Conflict):
        decide_fine(case, t + timedelta(days=2), "officer-1", D("50000.00"), "changed mind")
    with pytest.raises(Conflict):
        decline_fine(case, t + timedelta(days=2), "officer-1", "again")
    settle_obligation(case, t + timedelta(days=3), "registry")
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_overdue_surrender_order_stays_open(ordered, timeline):
    case = ordered("M-39")
    tick(case, timeline["overdue_from"])
    assert case.status is CaseStatus.OVERDUE and not case.is_closed
    settle_obligation(case, timeline["overdue_from"] + timedelta(days=1), "registry")
    assert case.status is CaseStatus.AWAITING_DECISION


def test_m39_surrender_before_the_order_settles_the_case(opened, timeline):
    case = opened("M-39")
    settle_obligation(case, timeline["order_at"], "registry")
    assert case.status is CaseStatus.AWAITING_DECISION and case.fine_window_end is not None
    decide_fine(case, timeline["order_at"] + timedelta(days=1), "officer-1", D("50000.00"), "late surrender")
    assert case.status is CaseStatus.FINE_UNPAID


@pytest.mark.parametrize("outstanding", [0, -1])
def test_m39_revised_shortfall_is_at_least_one_tonne(ordered, timeline, outstanding):
    case = ordered("M-39")
    with pytest.raises(RuleViolation) as err:
        revise_shortfall(case, timeline["order_at"] + timedelta(days=1), "event", outstanding)
    assert err.value.field == "outstanding" and case.outstanding_tonnes == 30_000


def test_m39_case_follows_a_revised_shortfall_until_settled(ordered, timeline):
    case = ordered("M-39")
    (step,) = revise_shortfall(case, timeline["order_at"] + timedelta(days=1), "event", 35_000)
    assert step.kind is StepKind.SHORTFALL_REVISED and case.outstanding_tonnes == 35_000
    assert case.shortfall_tonnes == 30_000  # the shortfall at opening stays on record
    settle_obligation(case, timeline["order_at"] + timedelta(days=2), "event")
    with pytest.raises(Conflict):
        revise_shortfall(case, timeline["order_at"] + timedelta(days=3), "event", 1)


def test_m37_case_has_no_shortfall_to_revise(ordered, timeline):
    with pytest.raises(Conflict):
        revise_shortfall(ordered("M-37"), timeline["order_at"], "event", 10)
