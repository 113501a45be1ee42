"""Penalty decisions, service and payment: M-37, M-38 ¶1 (fine only after the deadline passes uncorrected), M-38 ¶2,
M-41, M-42 (fine at once, with the order), ranges inclusive (M-44), one decision per case, the decision served
before the fine is paid, payment in full, payment overdue after `payment_days`."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import Article, CaseStatus, Closure, EnforcementPolicy, StepKind

OFFICER = "enforcement_officer:li"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})  # each rule on its own

D = Decimal


def paid(case, at, amount: str, served_on=None):  # serve the decision, then pay it
    case.notify_penalty(at, OFFICER, served_on or _day(at), "in_person", P)
    return case.record_payment(at, OFFICER, D(amount), P)


def _day(at):
    from ets_shared.clock import regulatory_date
    return regulatory_date(at)


@pytest.mark.parametrize("article", ["M-37", "M-38-1"])
def test_m37_m38_1_fine_only_after_the_deadline_passes_uncorrected(ordered, timeline, article):
    case = ordered(article)
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    with pytest.raises(RuleViolation) as err:
        case.decide_fine(just_before, OFFICER, D("20000.00"), "not corrected", P)
    assert err.value.article == article and case.penalty is None
    steps = case.decide_fine(timeline["overdue_from"], OFFICER, D("20000.00"), "not corrected by 1 Aug", P)
    assert [s.kind for s in steps] == [StepKind.OVERDUE, StepKind.FINE_DECIDED]
    assert case.status is CaseStatus.FINE_UNPAID and case.penalty.amount == D("20000.00")


@pytest.mark.parametrize("article", ["M-37", "M-38-1"])
def test_m37_m38_1_no_fine_when_corrected_before_the_deadline(ordered, timeline, article):
    case = ordered(article)
    case.record_correction(timeline["overdue_from"] - timedelta(seconds=1), OFFICER, "corrected", P)
    with pytest.raises(Conflict):
        case.decide_fine(timeline["overdue_from"], OFFICER, D("10000.00"), "too late", P)


@pytest.mark.parametrize("article", ["M-37", "M-38-1"])
@pytest.mark.parametrize("amount,ok", [("9999.99", False), ("10000.00", True), ("30000.00", True),
                                       ("30000.01", False)])
def test_m37_m38_1_fine_refused_outside_10000_to_30000(ordered, timeline, article, amount, ok):
    case = ordered(article)
    case.tick(timeline["overdue_from"], P)
    if ok:
        case.decide_fine(timeline["overdue_from"], OFFICER, D(amount), "not corrected", P)
        assert case.penalty.amount == D(amount)
    else:
        with pytest.raises(RuleViolation) as err:
            case.decide_fine(timeline["overdue_from"], OFFICER, D(amount), "not corrected", P)
        assert (err.value.field, err.value.article) == ("amount", article) and case.penalty is None


def test_m37_fine_after_late_correction_is_still_due(ordered, timeline):
    case = ordered("M-37")
    case.record_correction(timeline["overdue_from"] + timedelta(days=3), OFFICER, "resubmitted late", P)
    assert case.status is CaseStatus.AWAITING_DECISION
    case.decide_fine(timeline["overdue_from"] + timedelta(days=4), OFFICER, D("10000.00"), "late", P)
    steps = paid(case, timeline["overdue_from"] + timedelta(days=9), "10000.00")
    assert [s.kind for s in steps] == [StepKind.FINE_PAID, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m37_fine_is_mandatory_cannot_be_declined(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        ordered("M-37").decline_fine(timeline["overdue_from"], OFFICER, "lenient", P)
    assert err.value.article == "M-37"


@pytest.mark.parametrize("amount,ok", [("29999.99", False), ("30000.00", True), ("50000.00", True),
                                       ("50000.01", False)])
def test_m38_2_obstruction_fine_at_once_with_the_order(ordered, timeline, amount, ok):
    case = ordered("M-38-2")
    at = timeline["order_at"] + timedelta(minutes=1)  # long before the deadline
    if ok:
        case.decide_fine(at, OFFICER, D(amount), "refused the verifiers entry", P)
        assert case.penalty.amount == D(amount) and case.status is CaseStatus.FINE_UNPAID
    else:
        with pytest.raises(RuleViolation) as err:
            case.decide_fine(at, OFFICER, D(amount), "refused the verifiers entry", P)
        assert (err.value.field, err.value.article) == ("amount", "M-38-2")
        assert case.penalty is None


def test_m38_2_closes_only_when_corrected_and_paid(ordered, timeline):
    case = ordered("M-38-2")
    t = timeline["order_at"]
    case.decide_fine(t + timedelta(hours=1), OFFICER, D("40000.00"), "obstruction", P)
    paid(case, t + timedelta(days=2), "40000.00")
    assert not case.is_closed and case.status is CaseStatus.ORDER_ISSUED
    steps = case.record_correction(t + timedelta(days=3), OFFICER, "verification completed", P)
    assert [s.kind for s in steps] == [StepKind.CORRECTED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


@pytest.mark.parametrize("article,lo,hi", [("M-41", "30000.00", "100000.00"), ("M-42", "10000.00", "50000.00")])
def test_m41_m42_fine_at_once_within_range_one_yuan_outside_refused(ordered, timeline, article, lo, hi):
    at = timeline["order_at"] + timedelta(hours=1)
    for bad in (D(lo) - 1, D(lo) - D("0.01"), D(hi) + D("0.01"), D(hi) + 1):
        with pytest.raises(RuleViolation) as err:
            ordered(article).decide_fine(at, OFFICER, bad, "reasons", P)
        assert (err.value.field, err.value.article) == ("amount", article)
    for good in (lo, hi):
        case = ordered(article)
        case.decide_fine(at, OFFICER, D(good), "reasons", P)
        assert case.penalty.amount == D(good)


def test_m41_fine_and_correction_close_the_case(ordered, timeline):
    case = ordered("M-41")
    t = timeline["order_at"]
    case.decide_fine(t + timedelta(hours=1), OFFICER, D("30000.00"), "false verification report", P)
    case.record_correction(t + timedelta(days=1), OFFICER, "report reissued", P)
    paid(case, t + timedelta(days=2), "30000.00")
    assert case.closure is Closure.SETTLED_AND_PAID


def test_s8_fine_decided_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-38-2")
    case.decide_fine(timeline["order_at"], OFFICER, D("30000.00"), "obstruction", P)
    with pytest.raises(Conflict):
        case.decide_fine(timeline["order_at"], OFFICER, D("35000.00"), "again", P)
    assert case.penalty.amount == D("30000.00")


def test_s8_fine_needs_reasons(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        ordered("M-42").decide_fine(timeline["order_at"], OFFICER, D("10000.00"), " ", P)
    assert err.value.field == "reasons"


def test_s8_fine_follows_an_order(opened, timeline):
    with pytest.raises(Conflict):
        opened("M-38-2").decide_fine(timeline["order_at"], OFFICER, D("30000.00"), "obstruction", P)


def test_s8_fine_paid_only_after_the_decision_was_served(ordered, timeline):
    case = ordered("M-42")
    case.decide_fine(timeline["order_at"], OFFICER, D("10000.00"), "fees", P)
    with pytest.raises(Conflict):
        case.record_payment(timeline["order_at"], OFFICER, D("10000.00"), P)
    for bad in (date(2026, 7, 1), date(2026, 7, 3)):  # before the decision, after today
        with pytest.raises(RuleViolation) as err:
            case.notify_penalty(timeline["order_at"], OFFICER, bad, "post", P)
        assert err.value.field == "served_on"
    (step,) = case.notify_penalty(timeline["order_at"], OFFICER, date(2026, 7, 2), "post", P)
    assert step.kind is StepKind.PENALTY_NOTIFIED and case.penalty.payment_due == date(2026, 7, 17)
    with pytest.raises(Conflict):
        case.notify_penalty(timeline["order_at"], OFFICER, date(2026, 7, 2), "post", P)


def test_s8_payment_overdue_at_the_tick_after_payment_days(ordered, sh):
    case = ordered("M-42")
    case.decide_fine(sh(2026, 7, 2, 11), OFFICER, D("10000.00"), "fees", P)
    case.notify_penalty(sh(2026, 7, 3, 9), OFFICER, date(2026, 7, 3), "electronic", P)
    assert case.penalty.payment_due == date(2026, 7, 18)  # 15 days (Administrative Penalty Law Art. 67)
    assert case.next_due(P) == sh(2026, 7, 19)
    assert case.tick(sh(2026, 7, 18, 23, 59, 59), P) == []
    (step,) = case.tick(sh(2026, 7, 19), P)
    assert step.kind is StepKind.PAYMENT_OVERDUE and case.penalty.payment_overdue_at == sh(2026, 7, 19)
    case.record_payment(sh(2026, 7, 25), OFFICER, D("10000.00"), P)  # a late payment is still recorded
    assert case.penalty.paid_at is not None


def test_s8_payment_must_match_the_decided_fine(ordered, timeline):
    case = ordered("M-42")
    case.decide_fine(timeline["order_at"], OFFICER, D("10000.00"), "fees", P)
    case.notify_penalty(timeline["order_at"], OFFICER, date(2026, 7, 2), "post", P)
    for bad in (D("9999.99"), D("10000.01")):
        with pytest.raises(RuleViolation) as err:
            case.record_payment(timeline["order_at"], OFFICER, bad, P)
        assert err.value.field == "amount"
    case.record_payment(timeline["order_at"], OFFICER, D("10000"), P)
    with pytest.raises(Conflict):
        case.record_payment(timeline["order_at"], OFFICER, D("10000.00"), P)


def test_s8_payment_without_a_fine_is_a_conflict(ordered, timeline):
    with pytest.raises(Conflict):
        ordered("M-42").record_payment(timeline["order_at"], OFFICER, D("10000.00"), P)


def test_s8_no_fine_on_a_closed_case(ordered, timeline):
    case = ordered("M-37")
    case.record_correction(timeline["order_at"], OFFICER, "fixed in time", P)
    with pytest.raises(Conflict):
        case.decide_fine(timeline["overdue_from"], OFFICER, D("10000.00"), "too late", P)


def test_s8_dismissal_refused_once_a_fine_is_decided(ordered, timeline):
    case = ordered("M-42")
    case.decide_fine(timeline["order_at"], OFFICER, D("10000.00"), "fees", P)
    with pytest.raises(Conflict):
        case.dismiss(timeline["order_at"], OFFICER, "changed mind", P)


def test_s8_steps_recorded_in_time_order(ordered, timeline):
    case = ordered("M-42")
    with pytest.raises(Conflict) as err:
        case.decide_fine(timeline["order_at"] - timedelta(seconds=1), OFFICER, D("10000.00"), "fees", P)
    assert err.value.field == "at"


def test_m43_fine_step_records_amount_reasons_and_officer(ordered, timeline):
    case = ordered("M-42")
    (step,) = case.decide_fine(timeline["order_at"], "enforcement_officer:wu", D("12345.60"),
                               "no risk-management system", P)
    assert step.actor == "enforcement_officer:wu" and "12,345.60" in step.detail
    assert "no risk-management system" in step.detail
    assert (case.penalty.reasons, case.penalty.decided_by) == ("no risk-management system", "enforcement_officer:wu")
