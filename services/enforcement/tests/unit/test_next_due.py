"""`next_due`: the instant at which time alone next changes a case (M-37/M-39 deadlines, M-39 fine window, M-43
inaction) — the store finds the cases a tick concerns by it, so a tick just before it must change nothing and a tick
at it must record a step."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from enforcement.domain import (EnforcementPolicy, StepKind, decide_fine, next_due, record_correction,
                                settle_obligation, tick)

US = timedelta(microseconds=1)


def _exactly_due(case, policy=None) -> list[StepKind]:
    """Tick one microsecond before `next_due` (nothing happens), then at it; the steps recorded at it."""
    kwargs = {"policy": policy} if policy else {}
    due = next_due(case, **kwargs)
    assert due is not None
    assert tick(case, due - US, **kwargs) == []
    return [s.kind for s in tick(case, due, **kwargs)]


def test_m43_case_without_order_is_due_for_an_inaction_flag(opened, timeline):
    case = opened("M-37")
    assert next_due(case) == timeline["opened_at"] + timedelta(days=30)
    assert _exactly_due(case) == [StepKind.INACTION_FLAGGED]
    assert next_due(case) is None  # flagged once for this waiting period


@pytest.mark.parametrize("article", ["M-37", "M-39"])
def test_m37_m39_order_is_due_at_the_deadline_instant(ordered, timeline, article):
    case = ordered(article)
    assert next_due(case) == timeline["overdue_from"]
    assert _exactly_due(case) == [StepKind.OVERDUE]


def test_m37_overdue_case_is_then_due_for_an_inaction_flag_on_the_mandatory_fine(ordered, timeline):
    case = ordered("M-37")
    tick(case, timeline["overdue_from"])
    assert next_due(case) == timeline["overdue_from"] + timedelta(days=30)
    assert _exactly_due(case) == [StepKind.INACTION_FLAGGED]


def test_m38_2_order_and_inaction_follow_the_inaction_alert_param(ordered, timeline):
    policy = EnforcementPolicy(inaction_alert_days=5)
    case = ordered("M-38-2", policy=policy)
    assert next_due(case, policy) == timeline["order_at"] + timedelta(days=5)
    assert _exactly_due(case, policy) == [StepKind.INACTION_FLAGGED]


def test_m39_settled_case_is_due_at_the_end_of_the_fine_window(ordered, sh):
    case = ordered("M-39")
    settle_obligation(case, sh(2026, 7, 10, 9), "registry")
    assert next_due(case) == sh(2026, 8, 10)  # end of 9 August Shanghai = settlement date + 30 days
    assert _exactly_due(case) == [StepKind.CLOSED]
    assert next_due(case) is None


def test_s8_nothing_due_once_time_alone_changes_nothing(ordered, timeline):
    case = ordered("M-39")
    decide_fine(case, timeline["order_at"], "officer-1", Decimal("50000.00"), "shortfall")
    assert next_due(case) == timeline["overdue_from"]  # the order still runs out
    tick(case, timeline["overdue_from"])
    assert next_due(case) is None  # fine decided, surrender overdue: the next act is the party's
    closed = ordered("M-37")
    record_correction(closed, timeline["order_at"], "E-0002", "report refiled")
    assert closed.is_closed and next_due(closed) is None
