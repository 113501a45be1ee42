"""M-43: the audit trail makes officials' inaction provable; §7/§8: every step is recorded (who, when, what)."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from enforcement.domain import (DEFAULT_POLICY, EnforcementPolicy, StepKind, decide_fine, issue_order,
                                record_correction, record_payment, settle_obligation, tick)


def test_m43_every_step_recorded_with_time_actor_and_detail(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    decide_fine(case, t + timedelta(hours=1), "officer-1", Decimal("70000.00"), "shortfall of 30000 t")
    record_payment(case, t + timedelta(days=1), "E-0002", Decimal("70000.00"))
    settle_obligation(case, t + timedelta(days=2), "registry")
    kinds = [s.kind for s in case.history]
    assert kinds == [StepKind.OPENED, StepKind.ORDER_ISSUED, StepKind.FINE_DECIDED, StepKind.FINE_PAID,
                     StepKind.OBLIGATION_SETTLED, StepKind.CLOSED]
    assert [s.actor for s in case.history] == ["system", "officer-1", "officer-1", "E-0002", "registry", "system"]
    assert all(s.detail for s in case.history)
    assert [s.at for s in case.history] == sorted(s.at for s in case.history)


def test_m43_no_order_after_n_days_is_flagged_once(opened, timeline):
    case = opened("M-39")
    alert = timeline["opened_at"] + timedelta(days=DEFAULT_POLICY.inaction_alert_days)
    assert tick(case, alert - timedelta(microseconds=1)) == []
    steps = tick(case, alert)
    assert [(s.kind, s.actor) for s in steps] == [(StepKind.INACTION_FLAGGED, "system")]
    assert case.awaiting_official_since() == timeline["opened_at"]
    assert tick(case, alert + timedelta(days=10)) == []


def test_m43_overdue_without_mandatory_fine_is_flagged(ordered, timeline):
    case = ordered("M-37")
    tick(case, timeline["overdue_from"])
    assert case.awaiting_official_since() == timeline["overdue_from"]
    steps = tick(case, timeline["overdue_from"] + timedelta(days=30))
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]


def test_m43_a_new_waiting_period_is_flagged_again(opened, timeline):
    case = opened("M-38-2")
    tick(case, timeline["opened_at"] + timedelta(days=30))  # no order for 30 days
    at = timeline["opened_at"] + timedelta(days=31)
    issue_order(case, at, "officer-1")  # the fine is now due with the order
    steps = tick(case, at + timedelta(days=30))
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]
    assert sum(s.kind is StepKind.INACTION_FLAGGED for s in case.history) == 2


def test_m43_optional_m39_fine_not_flagged_but_mandatory_fine_after_late_correction_is(ordered, timeline):
    m39 = ordered("M-39")
    assert tick(m39, timeline["order_at"] + timedelta(days=200))[-1].kind is StepKind.OVERDUE
    assert m39.awaiting_official_since() is None
    m37 = ordered("M-37")
    record_correction(m37, timeline["overdue_from"] + timedelta(days=1), "officer-1", "late")
    assert m37.awaiting_official_since() == timeline["overdue_from"]


def test_m43_inaction_alert_days_is_a_policy_param(opened, timeline):
    policy = EnforcementPolicy(inaction_alert_days=3)
    case = opened("M-41", policy=policy)
    steps = tick(case, timeline["opened_at"] + timedelta(days=3), policy)
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]


def test_s8_stale_tick_is_ignored(ordered, timeline):
    case = ordered("M-37")
    assert tick(case, timeline["opened_at"]) == []
    assert len(case.history) == 2


@pytest.mark.parametrize("name", ["order_deadline_days", "fine_decision_window_days", "inaction_alert_days"])
@pytest.mark.parametrize("value", [0, -1, True, 1.5])
def test_s8_policy_day_counts_must_be_whole_positive(name, value):
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(**{name: value})
    assert err.value.field == name


def test_s8_policy_defaults():
    assert (DEFAULT_POLICY.order_deadline_days, DEFAULT_POLICY.fine_decision_window_days,
            DEFAULT_POLICY.inaction_alert_days) == (30, 30, 30)


def test_s8_policy_catalogue_must_cover_every_article():
    from enforcement.domain import CATALOGUE, Article
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(catalogue={a: r for a, r in CATALOGUE.items() if a is not Article.M42})
    assert err.value.field == "catalogue"
