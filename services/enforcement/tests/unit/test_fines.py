"""Penalty decisions and payment: M-37, M-38 ¶1 (only after the deadline), M-38 ¶2, M-41, M-42 (with the order),
ranges inclusive (M-44), one decision per case, payment in full."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (CaseStatus, Closure, StepKind, decide_fine, decline_fine, dismiss,
                                record_correction, record_payment)

D = Decimal


def test_m37_fine_refused_before_the_deadline_passes(ordered, timeline):
    case = ordered("M-37")
    just_before = timeline["overdue_from"] - timedelta(microseconds=1)
    with pytest.raises(RuleViolation) as err:
        decide_fine(case, just_before, "officer-1", D("20000.00"), "not corrected")
    assert err.value.article == "M-37"
    assert case.fine_amount is None


def test_m37_fine_at_the_deadline_instant_when_not_corrected(ordered, timeline):
    case = ordered("M-37")
    steps = decide_fine(case, timeline["overdue_from"], "officer-1", D("20000.00"), "not corrected by 1 Aug")
    assert [s.kind for s in steps] == [StepKind.OVERDUE, StepKind.FINE_DECIDED]
    assert case.status is CaseStatus.FINE_UNPAID and case.fine_amount == D("20000.00")


def test_m38_1_fine_refused_before_the_deadline_passes(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        decide_fine(ordered("M-38-1"), timeline["order_at"], "officer-1", D("20000.00"), "false documents")
    assert err.value.article == "M-38-1"


def test_m37_fine_after_late_correction_is_still_due(ordered, timeline):
    case = ordered("M-37")
    record_correction(case, timeline["overdue_from"] + timedelta(days=3), "officer-1", "resubmitted late")
    assert case.status is CaseStatus.AWAITING_DECISION
    decide_fine(case, timeline["overdue_from"] + timedelta(days=4), "officer-1", D("10000.00"), "late")
    steps = record_payment(case, timeline["overdue_from"] + timedelta(days=9), "E-0002", D("10000.00"))
    assert [s.kind for s in steps] == [StepKind.FINE_PAID, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


def test_m37_fine_is_mandatory_cannot_be_declined(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        decline_fine(ordered("M-37"), timeline["overdue_from"], "officer-1", "lenient")
    assert err.value.article == "M-37"


@pytest.mark.parametrize("amount,ok", [("29999.99", False), ("30000.00", True), ("50000.00", True),
                                       ("50000.01", False)])
def test_m38_obstruction_fine_with_order_at_once(ordered, timeline, amount, ok):
    case = ordered("M-38-2")
    at = timeline["order_at"] + timedelta(minutes=1)  # long before the deadline
    if ok:
        decide_fine(case, at, "officer-1", D(amount), "refused the verifiers entry")
        assert case.fine_amount == D(amount) and case.status is CaseStatus.FINE_UNPAID
    else:
        with pytest.raises(RuleViolation) as err:
            decide_fine(case, at, "officer-1", D(amount), "refused the verifiers entry")
        assert (err.value.field, err.value.article) == ("amount", "M-38-2")
        assert case.fine_decided_at is None


def test_m38_2_closes_only_when_corrected_and_paid(ordered, timeline):
    case = ordered("M-38-2")
    t = timeline["order_at"]
    decide_fine(case, t + timedelta(hours=1), "officer-1", D("40000.00"), "obstruction")
    record_payment(case, t + timedelta(days=2), "E-0002", D("40000.00"))
    assert not case.is_closed and case.status is CaseStatus.ORDER_ISSUED
    steps = record_correction(case, t + timedelta(days=3), "officer-1", "verification completed")
    assert [s.kind for s in steps] == [StepKind.CORRECTED, StepKind.CLOSED]
    assert case.closure is Closure.SETTLED_AND_PAID


@pytest.mark.parametrize("article,lo,hi", [("M-41", "30000.00", "100000.00"), ("M-42", "10000.00", "50000.00")])
def test_m41_m42_fine_with_order_within_range(ordered, timeline, article, lo, hi):
    at = timeline["order_at"] + timedelta(hours=1)
    for bad in (D(lo) - D("0.01"), D(hi) + D("0.01")):
        with pytest.raises(RuleViolation) as err:
            decide_fine(ordered(article), at, "officer-1", bad, "reasons")
        assert (err.value.field, err.value.article) == ("amount", article)
    for good in (lo, hi):
        case = ordered(article)
        decide_fine(case, at, "officer-1", D(good), "reasons")
        assert case.fine_amount == D(good)


def test_m41_fine_and_correction_close_the_case(ordered, timeline):
    case = ordered("M-41")
    t = timeline["order_at"]
    decide_fine(case, t + timedelta(hours=1), "officer-1", D("30000.00"), "false verification report")
    record_correction(case, t + timedelta(days=1), "officer-1", "report reissued")
    record_payment(case, t + timedelta(days=2), "AG-01", D("30000.00"))
    assert case.closure is Closure.SETTLED_AND_PAID


def test_s8_fine_decided_twice_is_a_conflict(ordered, timeline):
    case = ordered("M-38-2")
    decide_fine(case, timeline["order_at"], "officer-1", D("30000.00"), "obstruction")
    with pytest.raises(Conflict):
        decide_fine(case, timeline["order_at"], "officer-1", D("35000.00"), "again")
    assert case.fine_amount == D("30000.00")


def test_s8_fine_needs_reasons(ordered, timeline):
    with pytest.raises(RuleViolation) as err:
        decide_fine(ordered("M-42"), timeline["order_at"], "officer-1", D("10000.00"), " ")
    assert err.value.field == "reasons"


def test_s8_fine_follows_an_order(opened, timeline):
    with pytest.raises(Conflict):
        decide_fine(opened("M-38-2"), timeline["order_at"], "officer-1", D("30000.00"), "obstruction")


def test_s8_payment_must_match_the_decided_fine(ordered, timeline):
    case = ordered("M-42")
    decide_fine(case, timeline["order_at"], "officer-1", D("10000.00"), "fees")
    for bad in (D("9999.99"), D("10000.01")):
        with pytest.raises(RuleViolation) as err:
            record_payment(case, timeline["order_at"], "SEEE", bad)
        assert err.value.field == "amount"
    record_payment(case, timeline["order_at"], "SEEE", D("10000"))
    with pytest.raises(Conflict):
        record_payment(case, timeline["order_at"], "SEEE", D("10000.00"))


def test_s8_payment_without_a_fine_is_a_conflict(ordered, timeline):
    with pytest.raises(Conflict):
        record_payment(ordered("M-42"), timeline["order_at"], "SEEE", D("10000.00"))


def test_s8_no_fine_on_a_closed_case(ordered, timeline):
    case = ordered("M-37")
    record_correction(case, timeline["order_at"], "officer-1", "fixed in time")
    with pytest.raises(Conflict):
        decide_fine(case, timeline["overdue_from"], "officer-1", D("10000.00"), "too late")


def test_s8_dismissal_refused_once_a_fine_is_decided(ordered, timeline):
    case = ordered("M-42")
    decide_fine(case, timeline["order_at"], "officer-1", D("10000.00"), "fees")
    with pytest.raises(Conflict):
        dismiss(case, timeline["order_at"], "officer-1", "changed mind")


def test_s8_steps_recorded_in_time_order(ordered, timeline):
    case = ordered("M-42")
    with pytest.raises(Conflict) as err:
        decide_fine(case, timeline["order_at"] - timedelta(seconds=1), "officer-1", D("10000.00"), "fees")
    assert err.value.field == "at"


def test_s8_fine_step_records_amount_reasons_and_actor(ordered, timeline):
    case = ordered("M-42")
    (step,) = decide_fine(case, timeline["order_at"], "officer-9", D("12345.60"), "no risk-management system")
    assert step.actor == "officer-9" and "12,345.60" in step.detail and "no risk-management system" in step.detail
    assert case.fine_reasons == "no risk-management system"
