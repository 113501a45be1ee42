"""M-43 four eyes: a decision the year's policy names per article waits for a second person; its proposer and the
case's opener may not approve it; at approval it is checked again and takes effect then."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, Forbidden, NotFound, RuleViolation

from enforcement.domain import Article, CaseStatus, Closure, DecisionKind, EnforcementPolicy, StepKind

D = Decimal
LI, ZHAO, WANG = "enforcement_officer:li", "enforcement_officer:zhao", "authority:wang"
FOUR_EYES = EnforcementPolicy()


def test_m43_four_eyes_fine_waits_for_a_second_officer(ordered, timeline):
    case = ordered("M-41", policy=FOUR_EYES)
    at = timeline["order_at"] + timedelta(hours=1)
    (step,) = case.decide_fine(at, LI, D("50000.00"), "false verification report", FOUR_EYES)
    assert step.kind is StepKind.DECISION_PROPOSED and step.ref == 1
    assert case.penalty is None and case.proposals[0].pending
    steps = case.approve(1, at + timedelta(hours=2), WANG, "amount fits the evidence", FOUR_EYES)
    assert [s.kind for s in steps] == [StepKind.DECISION_APPROVED, StepKind.FINE_DECIDED]
    assert (case.penalty.amount, case.penalty.decided_by, case.penalty.approved_by) == (D("50000.00"), LI, WANG)
    assert case.penalty.decided_at == at + timedelta(hours=2)  # in force from the approval
    assert case.status is CaseStatus.FINE_UNPAID and not case.proposals[0].pending


def test_m43_four_eyes_refused_for_one_officer(ordered, timeline):
    case = ordered("M-41", policy=FOUR_EYES)
    at = timeline["order_at"] + timedelta(hours=1)
    case.decide_fine(at, LI, D("50000.00"), "false verification report", FOUR_EYES)
    before = (list(case.history), list(case.proposals))
    for same_person in (LI, "authority:li"):  # the proposer, also under another role
        with pytest.raises(Forbidden) as err:
            case.approve(1, at + timedelta(hours=1), same_person, "fine", FOUR_EYES)
        assert err.value.article == "M-43"
    assert (case.history, case.proposals) == before and case.penalty is None


def test_m43_the_cases_opener_may_not_approve_its_decisions(ordered, timeline):
    case = ordered("M-42", policy=FOUR_EYES, opened_by=ZHAO)
    at = timeline["order_at"] + timedelta(hours=1)
    case.decide_fine(at, LI, D("20000.00"), "fees outside the schedule", FOUR_EYES)
    with pytest.raises(Forbidden):
        case.approve(1, at, ZHAO, "agreed", FOUR_EYES)
    case.approve(1, at, WANG, "agreed", FOUR_EYES)
    assert case.penalty.approved_by == WANG


def test_m43_a_proposal_is_checked_at_once_and_again_at_approval(ordered, timeline):
    case = ordered("M-39", policy=FOUR_EYES)
    at = timeline["order_at"]
    with pytest.raises(RuleViolation) as err:  # outside the range: no proposal at all
        case.decide_fine(at, LI, D("100000.01"), "shortfall", FOUR_EYES)
    assert err.value.field == "amount" and case.proposals == []
    case.decide_fine(at, LI, D("80000.00"), "shortfall", FOUR_EYES)
    with pytest.raises(Conflict):  # one pending proposal per kind
        case.decide_fine(at, LI, D("90000.00"), "shortfall", FOUR_EYES)
    case.settle_obligation(at + timedelta(days=1), "event:settled", FOUR_EYES)
    case.tick(at + timedelta(days=40), FOUR_EYES)  # the fine window ended: closed without a fine
    assert case.closure is Closure.SETTLED_NO_FINE
    with pytest.raises(Conflict):
        case.approve(1, at + timedelta(days=41), WANG, "late", FOUR_EYES)


def test_m43_rejection_and_withdrawal_end_a_proposal_with_reasons(ordered, timeline):
    case = ordered("M-37", policy=FOUR_EYES)
    at = timeline["order_at"]
    case.dismiss(at, LI, "report found in the post room", FOUR_EYES)
    (step,) = case.reject(1, at, WANG, "no postmark: not established", FOUR_EYES)
    assert step.kind is StepKind.DECISION_REJECTED and "rejected" in step.detail and not case.is_closed
    case.dismiss(at, LI, "postmark found", FOUR_EYES)
    (step,) = case.reject(2, at, LI, "wrong case", FOUR_EYES)
    assert "withdrawn by its proposer" in step.detail
    with pytest.raises(Conflict):
        case.approve(2, at, WANG, "too late", FOUR_EYES)
    with pytest.raises(NotFound):
        case.approve(9, at, WANG, "none", FOUR_EYES)


@pytest.mark.parametrize("kind,act", [
    (DecisionKind.DISMISSAL, lambda c, at, p: c.dismiss(at, LI, "not established", p)),
    (DecisionKind.FINE_DECLINED, lambda c, at, p: c.decline_fine(at, LI, "first offence", p)),
    (DecisionKind.MEASURES, lambda c, at, p: c.apply_measures(["credit_record"], at, LI, "M-40", p)),
])
def test_m43_four_eyes_is_a_policy_param_per_article_and_decision(ordered, timeline, kind, act):
    at = timeline["order_at"]
    waiting = ordered("M-39", policy=FOUR_EYES)
    assert [s.kind for s in act(waiting, at, FOUR_EYES)] == [StepKind.DECISION_PROPOSED]
    only_fines = EnforcementPolicy(four_eyes={a: frozenset({DecisionKind.FINE}) for a in Article})
    direct = ordered("M-39", policy=only_fines)
    assert StepKind.DECISION_PROPOSED not in [s.kind for s in act(direct, at, only_fines)]
    assert only_fines.needs_second_officer(Article.M39, DecisionKind.FINE)
    assert not only_fines.needs_second_officer(Article.M39, kind)
