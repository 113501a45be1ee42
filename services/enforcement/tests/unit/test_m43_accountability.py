"""M-43: officials' acts and inaction are provable — every step records who, when and why; a case left waiting for
an official is flagged after the year's `inaction_alert_days`; the policy's day counts are whole and positive."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.clock import regulatory_date
from ets_shared.errors import RuleViolation

from enforcement.domain import CATALOGUE, Article, DecisionKind, EnforcementPolicy, StepKind, person_of

OFFICER, BOSS = "enforcement_officer:li", "authority:wang"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def test_m43_every_step_recorded_with_time_actor_and_detail(ordered, timeline):
    case = ordered("M-39")
    t = timeline["order_at"]
    case.decide_fine(t + timedelta(hours=1), OFFICER, Decimal("70000.00"), "shortfall of 30000 t", P)
    case.notify_penalty(t + timedelta(hours=2), OFFICER, regulatory_date(t), "in_person", P)
    case.record_payment(t + timedelta(days=1), "enforcement_officer:zhou", Decimal("70000.00"), P)
    case.settle_obligation(t + timedelta(days=2), "event:allocation.obligation.settled", P)
    kinds = [s.kind for s in case.history]
    assert kinds == [StepKind.OPENED, StepKind.ORDER_ISSUED, StepKind.FINE_DECIDED, StepKind.PENALTY_NOTIFIED,
                     StepKind.FINE_PAID, StepKind.OBLIGATION_SETTLED, StepKind.CLOSED]
    assert [s.actor for s in case.history] == [
        "event:allocation.shortfall", OFFICER, OFFICER, OFFICER, "enforcement_officer:zhou",
        "event:allocation.obligation.settled", "system"]
    assert all(s.detail for s in case.history)
    assert [s.at for s in case.history] == sorted(s.at for s in case.history)


def test_m43_no_order_after_n_days_is_flagged_once(opened, timeline):
    case = opened("M-39")
    alert = timeline["opened_at"] + timedelta(days=30)
    assert case.tick(alert - timedelta(microseconds=1), P) == []
    steps = case.tick(alert, P)
    assert [(s.kind, s.actor) for s in steps] == [(StepKind.INACTION_FLAGGED, "system")]
    assert case.awaiting_official_since(P) == timeline["opened_at"]
    assert case.tick(alert + timedelta(days=10), P) == []


def test_m43_overdue_without_mandatory_fine_is_flagged(ordered, timeline):
    case = ordered("M-37")
    case.tick(timeline["overdue_from"], P)
    assert case.awaiting_official_since(P) == timeline["overdue_from"]
    steps = case.tick(timeline["overdue_from"] + timedelta(days=30), P)
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]


def test_m43_a_new_waiting_period_is_flagged_again(opened, timeline):
    case = opened("M-38-2")
    case.tick(timeline["opened_at"] + timedelta(days=30), P)  # no order for 30 days
    at = timeline["opened_at"] + timedelta(days=31)
    case.issue_order(at, OFFICER, P)  # the fine is now due with the order
    steps = case.tick(at + timedelta(days=30), P)
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]
    assert sum(s.kind is StepKind.INACTION_FLAGGED for s in case.history) == 2


def test_m43_optional_m39_fine_not_flagged_but_mandatory_fine_after_late_correction_is(ordered, timeline):
    m39 = ordered("M-39")
    assert m39.tick(timeline["order_at"] + timedelta(days=200), P)[-1].kind is StepKind.OVERDUE
    assert m39.awaiting_official_since(P) is None
    m37 = ordered("M-37")
    m37.record_correction(timeline["overdue_from"] + timedelta(days=1), OFFICER, "late", P)
    assert m37.awaiting_official_since(P) == timeline["overdue_from"]


def test_m43_a_proposal_left_without_its_second_officer_is_flagged(ordered, timeline):
    policy = EnforcementPolicy()  # four eyes on every fine
    case = ordered("M-41", policy=policy)
    at = timeline["order_at"] + timedelta(hours=1)
    case.decide_fine(at, OFFICER, Decimal("30000.00"), "false report", policy)
    assert case.awaiting_official_since(policy) == at
    assert [s.kind for s in case.tick(at + timedelta(days=30), policy)] == [StepKind.INACTION_FLAGGED]


def test_m43_inaction_alert_days_is_a_policy_param(opened, timeline):
    policy = EnforcementPolicy(inaction_alert_days=3, four_eyes=P.four_eyes)
    case = opened("M-41", policy=policy)
    steps = case.tick(timeline["opened_at"] + timedelta(days=3), policy)
    assert [s.kind for s in steps] == [StepKind.INACTION_FLAGGED]


def test_s8_stale_tick_is_ignored(ordered, timeline):
    case = ordered("M-37")
    assert case.tick(timeline["opened_at"], P) == []
    assert len(case.history) == 2


@pytest.mark.parametrize("name", ["fine_decision_window_days", "payment_days", "inaction_alert_days",
                                  "publicity_years"])
@pytest.mark.parametrize("value", [0, -1, True, 1.5])
def test_s8_policy_day_counts_must_be_whole_positive(name, value):
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(**{name: value})
    assert err.value.field == name


def test_s8_order_deadline_per_article_must_be_whole_positive_and_cover_every_article():
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(order_deadline_days={a: 30 for a in Article} | {Article.M41: 0})
    assert err.value.field == "order_deadline_days.M-41"
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(order_deadline_days={Article.M37: 30})
    assert err.value.field == "order_deadline_days.M-38-1"


def test_s8_policy_defaults():
    policy = EnforcementPolicy()
    assert set(policy.order_deadline_days.values()) == {30}
    assert (policy.fine_decision_window_days, policy.payment_days, policy.inaction_alert_days,
            policy.publicity_years) == (30, 15, 30, 3)
    assert all(len(kinds) == 4 for kinds in policy.four_eyes.values())


def test_s8_policy_catalogue_must_cover_every_article():
    with pytest.raises(RuleViolation) as err:
        EnforcementPolicy(catalogue={a: r for a, r in CATALOGUE.items() if a is not Article.M42})
    assert err.value.field == "catalogue"


def test_m43_person_behind_an_actor():
    assert person_of(OFFICER) == "li" and person_of("authority:li") == "li"
    assert person_of("entity:boss@E-1") == "boss"
    assert person_of("system") is None and person_of("event:allocation.obligation.settled") is None
    assert person_of(BOSS) == "wang"


def test_m43_the_calendars_clock_is_no_person():
    assert person_of("clock") is None and person_of("clock:calendar") is None


def test_m43_an_article_the_four_eyes_param_does_not_name_takes_its_decisions_at_once():
    fines_of_m39 = EnforcementPolicy(four_eyes={Article.M39: frozenset({DecisionKind.FINE})})
    assert fines_of_m39.needs_second_officer(Article.M39, DecisionKind.FINE)
    assert not fines_of_m39.needs_second_officer(Article.M39, DecisionKind.MEASURES)
    assert not fines_of_m39.needs_second_officer(Article.M42, DecisionKind.FINE)
