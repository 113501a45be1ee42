"""Objections (陈述、申辩) before the fine and appeals (行政复议、行政诉讼) against the decision, recorded with their
outcome."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import Article, ChallengeOutcome, Closure, EnforcementPolicy, StepKind

D = Decimal
LI, WANG, PARTY = "enforcement_officer:li", "authority:wang", "entity:E-0002@E-0002"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def test_s8_objection_before_the_fine_holds_the_decision_until_decided(ordered, timeline):
    case = ordered("M-38-2")
    at = timeline["order_at"]
    (step,) = case.file_objection(at, PARTY, "the verifier came without notice", P)
    assert step.kind is StepKind.OBJECTION_FILED and case.challenges[0].pending
    with pytest.raises(Conflict):
        case.decide_fine(at, LI, D("30000.00"), "obstruction", P)
    with pytest.raises(Conflict):
        case.file_objection(at, PARTY, "again", P)
    (step,) = case.decide_objection(1, False, at + timedelta(hours=1), LI, "notice was sent on 1 April", P)
    assert step.kind is StepKind.OBJECTION_DECIDED and case.challenges[0].outcome is ChallengeOutcome.REJECTED
    case.decide_fine(at + timedelta(hours=2), LI, D("30000.00"), "obstruction", P)
    with pytest.raises(Conflict):  # after the fine: appeal instead
        case.file_objection(at + timedelta(hours=3), PARTY, "too high", P)


def test_s8_accepted_objection_sets_pending_fine_proposals_aside(ordered, timeline):
    four_eyes = EnforcementPolicy()
    case = ordered("M-41", policy=four_eyes)
    at = timeline["order_at"]
    case.decide_fine(at, LI, D("30000.00"), "false report", four_eyes)
    case.file_objection(at, "agency:AG-01@AG-01", "the report was corrected before the inspection", four_eyes)
    steps = case.decide_objection(1, True, at, LI, "correction proven", four_eyes)
    assert [s.kind for s in steps] == [StepKind.OBJECTION_DECIDED, StepKind.DECISION_REJECTED]
    assert not case.proposals[0].pending and case.proposals[0].approved is False


def test_s8_appeal_upheld_reduced_or_revoked(ordered, timeline):
    at = timeline["order_at"]

    def fined(article: str = "M-42"):
        case = ordered(article)
        case.decide_fine(at, LI, D("40000.00"), "fees outside the schedule", P)
        return case

    upheld = fined()
    upheld.lodge_appeal("reconsideration", at, LI, body="Shanghai Municipal People's Government",
                        grounds="the schedule allowed it", filed_on=date(2026, 7, 2), policy=P)
    upheld.decide_appeal(1, "decision_upheld", at + timedelta(days=50), LI, "fees breached the schedule", P)
    assert upheld.penalty.amount == D("40000.00") and upheld.challenges[0].outcome is ChallengeOutcome.DECISION_UPHELD

    reduced = fined()
    reduced.notify_penalty(at, LI, date(2026, 7, 2), "post", P)
    reduced.record_payment(at, LI, D("40000.00"), P)
    reduced.lodge_appeal("litigation", at, LI, body="Huangpu District Court", grounds="too high",
                         filed_on=date(2026, 7, 2), policy=P)
    for bad in (D("40000.00"), D("9999.99")):  # never worse, never below the range
        with pytest.raises(RuleViolation):
            reduced.decide_appeal(1, "fine_reduced", at, LI, "proportionality", P, amount=bad)
    step = reduced.decide_appeal(1, "fine_reduced", at + timedelta(days=90), LI, "proportionality", P,
                                 amount=D("20000.00"))[-1]
    assert step.kind is StepKind.APPEAL_DECIDED and "20,000.00 yuan to refund" in step.detail
    assert (reduced.penalty.amount, reduced.penalty.original_amount) == (D("20000.00"), D("40000.00"))

    revoked = ordered("M-39")
    revoked.decide_fine(at, LI, D("80000.00"), "shortfall", P)
    revoked.apply_measures(["credit_record", "special_fund_ineligible"], at, LI, "M-40", P)
    revoked.lodge_appeal("reconsideration", at, LI, body="Shanghai Municipal People's Government",
                         grounds="the shortfall was the registry's error", filed_on=date(2026, 7, 2), policy=P)
    steps = revoked.decide_appeal(1, "decision_revoked", at + timedelta(days=60), LI, "registry error", P)
    assert [s.kind for s in steps][-3:] == [StepKind.APPEAL_DECIDED, StepKind.MEASURES_LIFTED, StepKind.CLOSED]
    assert revoked.closure is Closure.REVOKED and revoked.penalty.revoked_at is not None
    assert all(m.lifted_at is not None for m in revoked.measures)


def test_s8_appeal_needs_a_decision_in_force_and_one_at_a_time(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-42")
    with pytest.raises(Conflict):
        case.lodge_appeal("reconsideration", at, LI, body="gov", grounds="g", filed_on=date(2026, 7, 2), policy=P)
    case.decide_fine(at, LI, D("10000.00"), "fees", P)
    with pytest.raises(RuleViolation) as err:  # filed before the decision
        case.lodge_appeal("reconsideration", at, LI, body="gov", grounds="g", filed_on=date(2026, 7, 1), policy=P)
    assert err.value.field == "filed_on"
    case.lodge_appeal("reconsideration", at, LI, body="gov", grounds="g", filed_on=date(2026, 7, 2), policy=P)
    with pytest.raises(Conflict):
        case.lodge_appeal("litigation", at, LI, body="court", grounds="g", filed_on=date(2026, 7, 2), policy=P)
    with pytest.raises(RuleViolation):
        case.decide_appeal(1, "accepted", at, LI, "objection outcome", P)
