"""Objections (陈述、申辩) and appeals (行政复议、行政诉讼) as the record keeps them: who made them, on which day, on
which grounds, before which body; who decided them, when, with which reasons and (a reduced fine) which amount;
the steps each appends; and the refusals, each naming its field."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, NotFound, RuleViolation

from enforcement.domain import (SYSTEM, Article, CaseStatus, CaseStep, Challenge, ChallengeKind, ChallengeOutcome,
                                Closure, EnforcementPolicy, StepKind)

D = Decimal
LI, WANG, PARTY = "enforcement_officer:li", "authority:wang", "entity:E-0002@E-0002"
GOV = "Shanghai Municipal People's Government"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def at_(timeline, hours: float) -> datetime:
    return timeline["order_at"] + timedelta(hours=hours)


def fined(ordered, timeline, article: str = "M-42", amount: str = "40000.00"):
    case = ordered(article)
    case.decide_fine(at_(timeline, 1), LI, D(amount), "fees outside the schedule", P)
    return case


def measures_only(ordered, timeline):
    """An M-39 case whose only decision in force is an M-40 credit record (no fine decided yet)."""
    case = ordered("M-39")
    case.apply_measures(["credit_record"], at_(timeline, 1), LI, "shortfall not surrendered", P)
    return case


def test_s8_an_objection_is_recorded_with_its_party_day_and_grounds(ordered, timeline):
    case = ordered("M-38-2")
    filed = at_(timeline, 15)  # 3 July 01:00 Shanghai
    steps = case.file_objection(filed, PARTY, "  the verifier came without notice ", P)
    assert steps == [CaseStep(filed, StepKind.OBJECTION_FILED, PARTY, "objection 1: the verifier came without notice",
                              1)]
    assert case.challenges == [Challenge(1, ChallengeKind.OBJECTION, "the verifier came without notice", PARTY, filed,
                                         date(2026, 7, 3))]
    decided = at_(timeline, 20)
    steps = case.decide_objection(1, True, decided, LI, "no notice was sent", P)
    assert steps == [CaseStep(decided, StepKind.OBJECTION_DECIDED, LI, "objection 1 accepted: no notice was sent", 1)]
    assert case.challenges == [Challenge(1, ChallengeKind.OBJECTION, "the verifier came without notice", PARTY, filed,
                                         date(2026, 7, 3), outcome=ChallengeOutcome.ACCEPTED,
                                         outcome_reasons="no notice was sent", decided_by=LI, decided_at=decided)]
    case.file_objection(at_(timeline, 21), PARTY, "a second statement", P)  # the first one is decided
    case.decide_objection(2, False, at_(timeline, 22), LI, "nothing new", P)
    assert [(c.no, c.outcome) for c in case.challenges] == [(1, ChallengeOutcome.ACCEPTED),
                                                            (2, ChallengeOutcome.REJECTED)]


def test_s8_an_accepted_objection_sets_pending_fine_proposals_aside_in_the_deciding_officers_name(ordered, timeline):
    four_eyes = EnforcementPolicy()
    case = ordered("M-41", policy=four_eyes)
    case.decide_fine(at_(timeline, 1), LI, D("30000.00"), "false report", four_eyes)
    case.file_objection(at_(timeline, 2), "agency:AG-01@AG-01", "corrected before the inspection", four_eyes)
    steps = case.decide_objection(1, True, at_(timeline, 3), WANG, "correction proven", four_eyes)
    assert steps[1] == CaseStep(at_(timeline, 3), StepKind.DECISION_REJECTED, WANG,
                                "proposal 1 (fine) set aside: the party's objection 1 was accepted", 1)
    assert (case.proposals[0].reviewed_by, case.proposals[0].review_reasons) == (
        WANG, "the party's objection 1 was accepted")


@pytest.mark.parametrize("field", ["grounds", "reasons"])
def test_s8_an_objection_without_grounds_or_a_decision_without_reasons_names_the_field(ordered, timeline, field):
    case = ordered("M-38-2")
    if field == "reasons":
        case.file_objection(at_(timeline, 1), PARTY, "no notice", P)
    with pytest.raises(RuleViolation) as err:
        if field == "grounds":
            case.file_objection(at_(timeline, 1), PARTY, "  ", P)
        else:
            case.decide_objection(1, False, at_(timeline, 2), LI, " ", P)
    assert err.value.field == field


def test_s8_an_objection_or_appeal_that_does_not_exist_is_not_found_by_its_number(ordered, timeline):
    case = ordered("M-38-2")
    case.file_objection(at_(timeline, 1), PARTY, "no notice", P)
    for decide in (lambda: case.decide_objection(2, False, at_(timeline, 2), LI, "r", P),
                   lambda: case.decide_appeal(1, "decision_upheld", at_(timeline, 2), LI, "r", P)):
        with pytest.raises(NotFound) as err:  # number 1 is an objection, not an appeal
            decide()
        assert err.value.field == "no"
    case.decide_objection(1, False, at_(timeline, 2), LI, "r", P)
    with pytest.raises(Conflict):
        case.decide_objection(1, True, at_(timeline, 3), LI, "again", P)


def test_s8_an_appeal_is_recorded_with_its_kind_body_day_and_grounds(ordered, timeline):
    case = fined(ordered, timeline)
    lodged = at_(timeline, 48)
    steps = case.lodge_appeal("reconsideration", lodged, PARTY, body=f" {GOV} ", grounds=" the schedule allowed it ",
                              filed_on=date(2026, 7, 3), policy=P)
    assert steps == [CaseStep(lodged, StepKind.APPEAL_LODGED, PARTY,
                              f"reconsideration 1 before {GOV} (filed 2026-07-03): the schedule allowed it", 1)]
    assert case.challenges == [Challenge(1, ChallengeKind.RECONSIDERATION, "the schedule allowed it", PARTY, lodged,
                                         date(2026, 7, 3), body=GOV)]


@pytest.mark.parametrize("bad, field", [({"kind": "objection"}, "kind"), ({"grounds": " "}, "grounds"),
                                        ({"body": ""}, "body"), ({"filed_on": "2026-07-03"}, "filed_on"),
                                        ({"filed_on": datetime(2026, 7, 3, 9, tzinfo=timezone.utc)}, "filed_on"),
                                        ({"filed_on": date(2026, 7, 1)}, "filed_on"),  # before the decision
                                        ({"filed_on": date(2026, 7, 5)}, "filed_on")])  # after today
def test_s8_a_refused_appeal_names_its_field(ordered, timeline, bad, field):
    case = fined(ordered, timeline)
    args = {"kind": "litigation", "body": "Huangpu District Court", "grounds": "too high",
            "filed_on": date(2026, 7, 2)} | bad
    kind = args.pop("kind")
    with pytest.raises(RuleViolation) as err:
        case.lodge_appeal(kind, at_(timeline, 48), PARTY, policy=P, **args)
    assert err.value.field == field
    assert case.challenges == []


def test_s8_an_appeal_against_measures_alone_is_lodged_and_decided_while_an_objection_waits(ordered, timeline):
    case = measures_only(ordered, timeline)
    case.file_objection(at_(timeline, 2), PARTY, "the shortfall was the registry's error", P)
    case.lodge_appeal("reconsideration", at_(timeline, 3), PARTY, body=GOV, grounds="no shortfall",
                      filed_on=date(2026, 7, 2), policy=P)
    with pytest.raises(Conflict) as err:
        case.decide_appeal(2, "fine_reduced", at_(timeline, 4), LI, "lower", P, amount=D("20000.00"))
    assert err.value.field == "outcome"  # no fine to reduce
    decided = at_(timeline, 5)
    steps = case.decide_appeal(2, "decision_upheld", decided, LI, "the shortfall stands", P)
    assert steps == [CaseStep(decided, StepKind.APPEAL_DECIDED, LI, "reconsideration 2 decision_upheld: the shortfall "
                                                                    "stands", 2)]
    assert case.challenges[1] == Challenge(2, ChallengeKind.RECONSIDERATION, "no shortfall", PARTY, at_(timeline, 3),
                                           date(2026, 7, 2), body=GOV, outcome=ChallengeOutcome.DECISION_UPHELD,
                                           outcome_reasons="the shortfall stands", decided_by=LI, decided_at=decided)
    # the objection still waits; a second appeal follows the decided first
    case.lodge_appeal("litigation", at_(timeline, 6), PARTY, body="Huangpu District Court", grounds="no shortfall",
                      filed_on=date(2026, 7, 2), policy=P)
    assert [c.kind for c in case.challenges] == [ChallengeKind.OBJECTION, ChallengeKind.RECONSIDERATION,
                                                 ChallengeKind.LITIGATION]


def test_s8_an_appeal_upheld_leaves_the_fine_in_force_and_a_settled_case_awaiting_payment(ordered, timeline):
    case = ordered("M-39")
    case.settle_obligation(at_(timeline, 1), "event:allocation.obligation.settled", P)
    case.decide_fine(at_(timeline, 2), LI, D("60000.00"), "late surrender", P)
    case.lodge_appeal("reconsideration", at_(timeline, 3), PARTY, body=GOV, grounds="g", filed_on=date(2026, 7, 2),
                      policy=P)
    with pytest.raises(RuleViolation) as err:
        case.decide_appeal(1, "decision_upheld", at_(timeline, 4), LI, "stands", P, amount=D("1.00"))
    assert err.value.field == "amount"  # only a reduced fine carries one
    with pytest.raises(RuleViolation) as err:
        case.decide_appeal(1, "accepted", at_(timeline, 4), LI, "stands", P)
    assert err.value.field == "outcome"
    with pytest.raises(RuleViolation) as err:
        case.decide_appeal(1, "decision_upheld", at_(timeline, 4), LI, "  ", P)
    assert err.value.field == "reasons"
    case.decide_appeal(1, "decision_upheld", at_(timeline, 4), LI, "stands", P)
    assert (case.penalty.amount, case.penalty.revoked_at, case.challenges[0].amount) == (D("60000.00"), None, None)
    assert (case.status, case.closed_at) == (CaseStatus.FINE_UNPAID, None)


def test_s8_a_reduced_fine_is_recorded_on_the_appeal_and_a_refund_only_when_paid(ordered, timeline):
    unpaid = fined(ordered, timeline)
    unpaid.lodge_appeal("litigation", at_(timeline, 2), PARTY, body="Huangpu District Court", grounds="too high",
                        filed_on=date(2026, 7, 2), policy=P)
    with pytest.raises(RuleViolation) as err:
        unpaid.decide_appeal(1, "fine_reduced", at_(timeline, 3), LI, "proportionality", P, amount=D("40000.00"))
    assert err.value.field == "amount"
    decided = at_(timeline, 3)
    steps = unpaid.decide_appeal(1, "fine_reduced", decided, WANG, "proportionality", P, amount=D("25000.00"))
    assert steps == [CaseStep(decided, StepKind.APPEAL_DECIDED, WANG,
                              "litigation 1 fine_reduced: proportionality; fine now 25,000.00 yuan", 1)]
    assert unpaid.challenges[0] == replace(unpaid.challenges[0], outcome=ChallengeOutcome.FINE_REDUCED,
                                           outcome_reasons="proportionality", decided_by=WANG, decided_at=decided,
                                           amount=D("25000.00"))
    assert (unpaid.challenges[0].decided_by, unpaid.challenges[0].amount) == (WANG, D("25000.00"))

    paid = fined(ordered, timeline)
    paid.notify_penalty(at_(timeline, 2), LI, date(2026, 7, 2), "post", P)
    paid.record_payment(at_(timeline, 2), LI, D("40000.00"), P)
    paid.lodge_appeal("litigation", at_(timeline, 2), PARTY, body="Huangpu District Court", grounds="too high",
                      filed_on=date(2026, 7, 2), policy=P)
    (step,) = paid.decide_appeal(1, "fine_reduced", decided, WANG, "proportionality", P, amount=D("25000.00"))
    assert step.detail == ("litigation 1 fine_reduced: proportionality; fine now 25,000.00 yuan; 15,000.00 yuan to "
                           "refund")


@pytest.mark.parametrize("pay", [False, True])
def test_s8_a_revoked_decision_closes_the_case_at_that_instant(ordered, timeline, pay):
    case = fined(ordered, timeline)
    if pay:
        case.notify_penalty(at_(timeline, 2), LI, date(2026, 7, 2), "post", P)
        case.record_payment(at_(timeline, 2), LI, D("40000.00"), P)
    case.lodge_appeal("reconsideration", at_(timeline, 3), PARTY, body=GOV, grounds="g", filed_on=date(2026, 7, 2),
                      policy=P)
    decided = at_(timeline, 4)
    steps = case.decide_appeal(1, "decision_revoked", decided, WANG, "fees were lawful", P)
    refund = "; 40,000.00 yuan to refund" if pay else ""
    assert steps == [
        CaseStep(decided, StepKind.APPEAL_DECIDED, WANG,
                 f"reconsideration 1 decision_revoked: fees were lawful; fine revoked{refund}", 1),
        CaseStep(decided, StepKind.CLOSED, SYSTEM, "revoked: reconsideration 1: fees were lawful")]
    assert (case.closed_at, case.closure, case.penalty.revoked_at) == (decided, Closure.REVOKED, decided)
    assert case.challenges[0].amount is None


def test_s8_a_revoked_decision_lifts_its_measures_saying_which_appeal(ordered, timeline):
    case = measures_only(ordered, timeline)
    case.lodge_appeal("litigation", at_(timeline, 3), PARTY, body="Huangpu District Court", grounds="g",
                      filed_on=date(2026, 7, 2), policy=P)
    decided = at_(timeline, 4)
    steps = case.decide_appeal(1, "decision_revoked", decided, WANG, "no shortfall", P)
    assert steps[1] == CaseStep(decided, StepKind.MEASURES_LIFTED, WANG,
                                "lifted (litigation 1: decision revoked): credit_record_entered, "
                                "departments_notified, published")
    assert steps[0].detail == "litigation 1 decision_revoked: no shortfall"
    assert (case.closed_at, case.closure) == (decided, Closure.REVOKED)
