"""M-39: order to surrender the shortfall; optional fine 50,000–100,000; the fine never replaces the surrender
(解读 5): the case stays open until the surrender is made good; a settlement before any fine leaves
`fine_decision_window_days` to decide one."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import Article, CaseStatus, Closure, EnforcementPolicy, StepKind

D = Decimal
OFFICER, REGISTRY = "enforcement_officer:li", "event:allocation.obligation.settled"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def pay(case, at, amount: str):
    case.notify_penalty(at, OFFICER, regulatory_date(at), "in_person", P)
    return case.record_payment(at, OFFICER, D(amount), P)


def test_m39_fine_may_be_decided_with_the_order_before_its_deadline(ordered, timeline):
    case = ordered("M-39")
    (step,) = case.decide_fine(timeline["order_at"] + timedelta(hours=1), OFFICER, D("80000.00"),
                               "shortfall of 30000 t", P)
    assert step.kind is StepKind.FINE_DECIDED and "the order stands" in step.detail


@pytest.mark.parametrize("amount,ok", [("49999.00", False), ("49999.99", False), ("50000.00", True),
                                       ("100000.00", True), ("100000.01", False), ("100001.00", False)])
def test_m39_fine_refused_outside_50000_to_100000_on_a_case(ordered, timeline, amount, ok):
    case = ordered("M-39")
    if ok:
        case.decide_fine(timeline["order_at"], OFFICER, D(amount), "shortfall", P)
        assert case.penalty.amount == D(amount)
    else:
        with pytest.raises(RuleViolation) as err:
            case.decide_fine(timeline["order_at"], OFFICER, D(amount), "shortfall", P)
        assert (err.value.field, err.value.article) == ("amount", "M-39")


def test_m39_case_stays_open_until_the_surrender_is_made_good(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.decide_fine(t + timedelta(hours=1), OFFICER, D("100000.00"), "shortfall", P)
    steps = pay(case, t + timedelta(days=1), "100000.00")
    assert [s.kind for s in steps] == [StepKind.FINE_PAID]
    assert "does not replace" in steps[0].detail
    assert not case.is_closed and case.outstanding_tonnes == 30_000
    assert case.status is CaseStatus.ORDER_ISSUED
    case.tick(timeline["overdue_from"] + timedelta(days=365), P)  # paying and waiting a year still does not close it
    assert not case.is_closed and case.status is CaseStatus.OVERDUE
    steps = case.settle_obligation(timeline["overdue_from"] + timedelta(days=366), REGISTRY, P)
    assert [s.kind for s in steps][-2:] == [StepKind.OBLIGATION_SETTLED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_settled_with_fine_unpaid_waits_for_payment(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.decide_fine(t, OFFICER, D("60000.00"), "shortfall", P)
    case.settle_obligation(t + timedelta(days=1), REGISTRY, P)
    assert case.status is CaseStatus.FINE_UNPAID and not case.is_closed
    pay(case, t + timedelta(days=10), "60000.00")
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_settlement_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-39")
    case.settle_obligation(timeline["order_at"], REGISTRY, P)
    with pytest.raises(Conflict):
        case.settle_obligation(timeline["order_at"], REGISTRY, P)


def test_m39_surrender_refused_on_other_articles(ordered, timeline):
    with pytest.raises(Conflict):
        ordered("M-37").settle_obligation(timeline["order_at"], REGISTRY, P)


def test_m39_settled_before_fine_officer_may_still_fine_within_window(ordered, sh):
    case = ordered("M-39")
    case.settle_obligation(sh(2026, 7, 10, 15), REGISTRY, P)
    assert case.fine_window_end == date(2026, 8, 9) and not case.is_closed
    case.decide_fine(sh(2026, 8, 9, 23, 59, 59), OFFICER, D("50000.00"), "surrendered late", P)
    case.tick(sh(2026, 8, 20), P)
    assert case.status is CaseStatus.FINE_UNPAID
    pay(case, sh(2026, 8, 21), "50000.00")
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m39_settled_before_fine_closes_when_window_ends_without_decision(ordered, sh):
    case = ordered("M-39")
    case.settle_obligation(sh(2026, 7, 10, 15), REGISTRY, P)
    assert case.tick(sh(2026, 8, 9, 23, 59, 59), P) == []
    steps = case.tick(sh(2026, 8, 10), P)
    assert [(s.kind, s.actor) for s in steps] == [(StepKind.CLOSED, "system")]
    assert case.closure is Closure.SETTLED_NO_FINE
    with pytest.raises(Conflict):
        case.decide_fine(sh(2026, 8, 10, 1), OFFICER, D("50000.00"), "too late", P)


def test_m39_fine_after_window_refused_even_without_a_tick(ordered, sh):
    case = ordered("M-39")
    case.settle_obligation(sh(2026, 7, 10, 15), REGISTRY, P)
    with pytest.raises(Conflict):
        case.decide_fine(sh(2026, 8, 10), OFFICER, D("50000.00"), "too late", P)
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_fine_window_is_a_policy_param(ordered, sh):
    policy = EnforcementPolicy(fine_decision_window_days=5, four_eyes=P.four_eyes)
    case = ordered("M-39", policy=policy)
    case.settle_obligation(sh(2026, 7, 10, 15), REGISTRY, policy)
    assert case.fine_window_end == date(2026, 7, 15)
    case.tick(sh(2026, 7, 16), policy)
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_officer_may_decline_the_optional_fine(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.settle_obligation(t + timedelta(days=1), REGISTRY, P)
    steps = case.decline_fine(t + timedelta(days=2), OFFICER, "made good within two days", P)
    assert [s.kind for s in steps] == [StepKind.FINE_DECLINED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_declining_the_fine_does_not_release_the_surrender(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.decline_fine(t + timedelta(days=1), OFFICER, "first offence", P)
    assert not case.is_closed and case.outstanding_tonnes == 30_000
    with pytest.raises(Conflict):
        case.decide_fine(t + timedelta(days=2), OFFICER, D("50000.00"), "changed mind", P)
    with pytest.raises(Conflict):
        case.decline_fine(t + timedelta(days=2), OFFICER, "again", P)
    case.settle_obligation(t + timedelta(days=3), REGISTRY, P)
    assert case.closure is Closure.SETTLED_NO_FINE


def test_m39_overdue_surrender_order_stays_open(ordered, timeline):
    case = ordered("M-39")
    case.tick(timeline["overdue_from"], P)
    assert case.status is CaseStatus.OVERDUE and not case.is_closed
    case.settle_obligation(timeline["overdue_from"] + timedelta(days=1), REGISTRY, P)
    assert case.status is CaseStatus.AWAITING_DECISION


def test_m39_surrender_before_the_order_settles_the_case(opened, timeline):
    case = opened("M-39")
    case.settle_obligation(timeline["order_at"], REGISTRY, P)
    assert case.status is CaseStatus.AWAITING_DECISION and case.fine_window_end is not None
    case.decide_fine(timeline["order_at"] + timedelta(days=1), OFFICER, D("50000.00"), "late surrender", P)
    assert case.status is CaseStatus.FINE_UNPAID


@pytest.mark.parametrize("outstanding", [0, -1])
def test_m39_revised_shortfall_is_at_least_one_tonne(ordered, timeline, outstanding):
    case = ordered("M-39")
    with pytest.raises(RuleViolation) as err:
        case.revise_shortfall(timeline["order_at"] + timedelta(days=1), REGISTRY, outstanding, P)
    assert err.value.field == "outstanding" and case.outstanding_tonnes == 30_000


def test_m39_case_follows_a_revised_shortfall_until_settled(ordered, timeline):
    case = ordered("M-39")
    (step,) = case.revise_shortfall(timeline["order_at"] + timedelta(days=1), REGISTRY, 35_000, P)
    assert step.kind is StepKind.SHORTFALL_REVISED and case.outstanding_tonnes == 35_000
    assert case.shortfall_tonnes == 30_000  # the shortfall at opening stays on record
    case.settle_obligation(timeline["order_at"] + timedelta(days=2), REGISTRY, P)
    with pytest.raises(Conflict):
        case.revise_shortfall(timeline["order_at"] + timedelta(days=3), REGISTRY, 1, P)


def test_m37_case_has_no_shortfall_to_revise(ordered, timeline):
    with pytest.raises(Conflict):
        ordered("M-37").revise_shortfall(timeline["order_at"], REGISTRY, 10, P)
