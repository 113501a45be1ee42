"""`next_due`: the instant at which time alone next changes a case (order deadlines, the payment period, M-39's fine
window, M-43 inaction) — the store finds the cases a tick concerns by it, so a tick just before it must change
nothing and a tick at it must record a step."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from enforcement.domain import Article, EnforcementPolicy, StepKind

US = timedelta(microseconds=1)
OFFICER = "enforcement_officer:li"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def _exactly_due(case, policy=P) -> list[StepKind]:
    """Tick one microsecond before `next_due` (nothing happens), then at it; the steps recorded at it."""
    due = case.next_due(policy)
    assert due is not None
    assert case.tick(due - US, policy) == []
    return [s.kind for s in case.tick(due, policy)]


def test_m43_case_without_order_is_due_for_an_inaction_flag(opened, timeline):
    case = opened("M-37")
    assert case.next_due(P) == timeline["opened_at"] + timedelta(days=30)
    assert _exactly_due(case) == [StepKind.INACTION_FLAGGED]
    assert case.next_due(P) is None  # flagged once for this waiting period


@pytest.mark.parametrize("article", ["M-37", "M-39"])
def test_m37_m39_order_is_due_at_the_deadline_instant(ordered, timeline, article):
    case = ordered(article)
    assert case.next_due(P) == timeline["overdue_from"]
    assert _exactly_due(case) == [StepKind.OVERDUE]


def test_m37_overdue_case_is_then_due_for_an_inaction_flag_on_the_mandatory_fine(ordered, timeline):
    case = ordered("M-37")
    case.tick(timeline["overdue_from"], P)
    assert case.next_due(P) == timeline["overdue_from"] + timedelta(days=30)
    assert _exactly_due(case) == [StepKind.INACTION_FLAGGED]


def test_m38_2_order_and_inaction_follow_the_inaction_alert_param(ordered, timeline):
    policy = EnforcementPolicy(inaction_alert_days=5, four_eyes=P.four_eyes)
    case = ordered("M-38-2", policy=policy)
    assert case.next_due(policy) == timeline["order_at"] + timedelta(days=5)
    assert _exactly_due(case, policy) == [StepKind.INACTION_FLAGGED]


def test_m39_settled_case_is_due_at_the_end_of_the_fine_window(ordered, sh):
    case = ordered("M-39")
    case.settle_obligation(sh(2026, 7, 10, 9), "event:settled", P)
    assert case.next_due(P) == sh(2026, 8, 10)  # end of 9 August Shanghai = settlement date + 30 days
    assert _exactly_due(case) == [StepKind.CLOSED]
    assert case.next_due(P) is None


def test_s8_served_fine_is_due_at_the_end_of_its_payment_period(ordered, sh):
    case = ordered("M-42")
    case.decide_fine(sh(2026, 7, 2, 11), OFFICER, Decimal("10000.00"), "fees", P)
    case.record_correction(sh(2026, 7, 2, 12), OFFICER, "fees refunded", P)
    case.notify_penalty(sh(2026, 7, 2, 13), OFFICER, date(2026, 7, 2), "post", P)
    assert case.next_due(P) == sh(2026, 7, 18)
    assert _exactly_due(case) == [StepKind.PAYMENT_OVERDUE]


def test_s8_nothing_due_once_time_alone_changes_nothing(ordered, timeline):
    case = ordered("M-39")
    case.decide_fine(timeline["order_at"], OFFICER, Decimal("50000.00"), "shortfall", P)
    assert case.next_due(P) == timeline["overdue_from"]  # the order still runs out
    case.tick(timeline["overdue_from"], P)
    assert case.next_due(P) is None  # fine decided (not yet served), surrender overdue: the next act is not time's
    closed = ordered("M-37")
    closed.record_correction(timeline["order_at"], "entity:E-0002@E-0002", "report refiled", P)
    assert closed.is_closed and closed.next_due(P) is None
