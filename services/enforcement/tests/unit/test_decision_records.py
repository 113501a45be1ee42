"""What a decision records and how a refusal names itself — the outcomes `./ets mutate` found no test for (README,
"Mutation testing"): the M-39 decline closing the case at its instant, who declined, the service of the decision,
the fine's publicity period, the catalogue an officer's year uses, the M-40 measures' kinds and their lifting."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain import (CATALOGUE, Article, Closure, EnforcementPolicy, MeasureEffect, MeasureKind,
                                PenaltyArticle, StepKind, validate_fine)
from enforcement.domain.articles import penalty_article

OFFICER, DIRECTOR, REGISTRY = "enforcement_officer:li", "enforcement_officer:wang", "event:allocation.settled"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})
D = Decimal


def test_m39_declined_fine_after_settlement_closes_the_case_at_that_instant(ordered, timeline):
    case = ordered("M-39")
    settled_at, declined_at = timeline["order_at"] + timedelta(days=1), timeline["order_at"] + timedelta(days=2)
    case.settle_obligation(settled_at, REGISTRY, P)
    case.decline_fine(declined_at, OFFICER, "made good within a day", P)
    assert (case.is_closed, case.closed_at, case.closure) == (True, declined_at, Closure.SETTLED_NO_FINE)
    declined = next(s for s in case.history if s.kind is StepKind.FINE_DECLINED)
    assert (declined.at, declined.actor) == (declined_at, OFFICER)


def test_m39_decline_with_blank_reasons_refused_naming_reasons(ordered, timeline):
    case = ordered("M-39")
    with pytest.raises(RuleViolation) as err:
        case.decline_fine(timeline["order_at"], OFFICER, "   ", P)
    assert err.value.field == "reasons" and case.fine_declined_at is None


def test_s8_service_records_method_date_and_payment_due_and_refuses_a_datetime(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-42")
    case.decide_fine(at, OFFICER, D("40000.00"), "fees outside the schedule", P)
    with pytest.raises(RuleViolation) as err:
        case.notify_penalty(at, OFFICER, datetime(2026, 7, 2, 12), "post", P)  # noqa: DTZ001 - the naive time refused
    assert (err.value.field, err.value.article) == ("served_on", "M-42")
    with pytest.raises(RuleViolation) as err:
        case.notify_penalty(at, OFFICER, date(2026, 7, 2), "pigeon", P)
    assert err.value.field == "method" and case.penalty.served_on is None
    case.notify_penalty(at, OFFICER, date(2026, 7, 2), "post", P)
    assert (case.penalty.served_on, case.penalty.service_method, case.penalty.payment_due) == (
        date(2026, 7, 2), "post", date(2026, 7, 17))


def test_s8_serving_a_decision_that_was_never_made_is_a_conflict(ordered, timeline):
    with pytest.raises(Conflict):
        ordered("M-37").notify_penalty(timeline["order_at"], OFFICER, date(2026, 7, 2), "post", P)


def test_m40_1_a_fines_publicity_lasts_publicity_years_from_the_decisions_shanghai_date(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-39")
    case.decide_fine(at, OFFICER, D("80000.00"), "shortfall", P)
    assert case.penalty.public_until == date(2029, 7, 1)  # 2 July 2026 + 3 years - 1 day
    other = ordered("M-39")
    other.decide_fine(at, OFFICER, D("80000.00"), "shortfall", replace(P, publicity_years=1))
    assert other.penalty.public_until == date(2027, 7, 1)


def test_s8_payment_refusals_name_the_amount_and_the_article(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-39")
    case.decide_fine(at, OFFICER, D("80000.00"), "shortfall", P)
    case.notify_penalty(at, OFFICER, regulatory_date(at), "in_person", P)
    for amount in (D("79999.99"), 80000.0):
        with pytest.raises(RuleViolation) as err:
            case.record_payment(at, OFFICER, amount, P)
        assert (err.value.field, err.value.article) == ("amount", "M-39")


def test_s8_a_fine_waiting_for_an_objection_names_the_article(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-42")
    case.file_objection(at, "party:SEEE", "the fees were approved", P)
    with pytest.raises(Conflict) as err:
        case.decide_fine(at, OFFICER, D("40000.00"), "fees", P)
    assert err.value.article == "M-42"


def test_m44_a_catalogue_range_is_a_range_from_above_zero():
    rule = CATALOGUE[Article.M39]
    assert replace(rule, fine_min=D("1.00"), fine_max=D("1.00")).fine_min == D("1.00")  # a one-amount range
    for low, high in ((D(0), D(100)), (D(-1), D(100)), (D(101), D(100))):
        with pytest.raises(ValueError):
            PenaltyArticle(Article.M39, rule.violation, rule.breaches, rule.party_kind, rule.order, low, high,
                           rule.fine_after_deadline_only, rule.fine_optional, rule.measures_apply)


def test_m39_a_custom_catalogue_decides_the_range():
    custom = dict(CATALOGUE) | {Article.M39: replace(CATALOGUE[Article.M39], fine_max=D("200000.00"))}
    assert validate_fine("M-39", D("150000.00"), custom) == D("150000.00")
    with pytest.raises(RuleViolation):
        validate_fine("M-39", D("150000.00"))
    assert penalty_article("M-38 ¶2").article is Article.M38_2
    with pytest.raises(RuleViolation) as err:
        validate_fine("M-39", 80000.0)
    assert (err.value.field, err.value.article) == ("amount", "M-39")


def test_m40_measures_carry_their_kind(ordered, timeline):
    case = ordered("M-39")
    case.apply_measures(list(MeasureKind), timeline["order_at"], OFFICER, "shortfall", P)
    kinds = {m.effect: m.kind for m in case.measures}
    assert kinds[MeasureEffect.SPECIAL_FUND_INELIGIBLE] is MeasureKind.SPECIAL_FUND_INELIGIBLE
    assert kinds[MeasureEffect.AWARD_INELIGIBLE] is MeasureKind.AWARD_INELIGIBLE
    assert kinds[MeasureEffect.PROJECT_ASSESSMENT_REFUSED] is MeasureKind.PROJECT_ASSESSMENT_REFUSED
    assert kinds[MeasureEffect.CREDIT_RECORD_ENTERED] is MeasureKind.CREDIT_RECORD


def test_m40_refusals_name_measures_and_m40(ordered, opened, timeline):
    at = timeline["order_at"]
    for selected in (["no_such_measure"], []):
        with pytest.raises(RuleViolation) as err:
            ordered("M-39").apply_measures(selected, at, OFFICER, "x", P)
        assert (err.value.field, err.value.article) == ("measures", "M-40")
    case = ordered("M-39")
    case.apply_measures(["credit_record"], at, OFFICER, "shortfall", P)
    with pytest.raises(Conflict) as err:
        case.apply_measures(["credit_record"], at, OFFICER, "again", P)
    assert (err.value.field, err.value.article) == ("measures", "M-40")
    with pytest.raises(Conflict) as err:
        opened("M-39").apply_measures(["credit_record"], at, OFFICER, "no order yet", P)
    assert err.value.field == "measures"
    dismissed = ordered("M-37")
    dismissed.dismiss(at, OFFICER, "not established", P)
    with pytest.raises(Conflict) as err:
        dismissed.apply_measures(["credit_record"], at, OFFICER, "x", P)
    assert err.value.field == "measures"


def test_m43_lifting_measures_on_revocation_is_recorded_with_its_instant_and_officer(ordered, timeline):
    at = timeline["order_at"]
    case = ordered("M-39")
    case.decide_fine(at, OFFICER, D("80000.00"), "shortfall", P)
    case.apply_measures(["credit_record"], at, OFFICER, "M-40", P)
    case.lodge_appeal("reconsideration", at, OFFICER, body="Shanghai Municipal People's Government",
                      grounds="registry error", filed_on=date(2026, 7, 2), policy=P)
    revoked_at = at + timedelta(days=60)
    case.decide_appeal(1, "decision_revoked", revoked_at, DIRECTOR, "registry error", P)
    lifted = next(s for s in case.history if s.kind is StepKind.MEASURES_LIFTED)
    assert (lifted.at, lifted.actor) == (revoked_at, DIRECTOR)
    assert {m.lifted_at for m in case.measures} == {revoked_at}


def test_m43_service_of_the_decision_while_a_measures_proposal_awaits_a_second_officer(ordered, timeline):
    """The year's policy is read when the decision is served, also while another proposal awaits approval."""
    four_eyes = EnforcementPolicy()
    at = timeline["order_at"]
    case = ordered("M-39", policy=four_eyes)
    case.decide_fine(at, OFFICER, D("80000.00"), "shortfall", four_eyes)
    case.approve(1, at + timedelta(hours=1), DIRECTOR, "fits", four_eyes)
    case.apply_measures(["credit_record"], at + timedelta(hours=2), OFFICER, "shortfall", four_eyes)  # pending
    case.notify_penalty(at + timedelta(hours=3), OFFICER, date(2026, 7, 2), "post", four_eyes)
    assert case.penalty.served_on == date(2026, 7, 2) and case.measures == []
