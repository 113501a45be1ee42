"""The case as the record keeps it (§8 case flow; M-10, M-37 to M-43): what opening records, who issued the order,
corrected, revised or settled, who proposed, approved, rejected or set aside a decision and with which reasons, the
steps each act returns — and every refusal naming its field and article."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, Forbidden, NotFound, RuleViolation

from enforcement.domain import (SYSTEM, Article, CaseSource, CaseStatus, CaseStep, DecisionKind, EnforcementPolicy,
                                PenaltyCase, StepKind, Violation)

D = Decimal
LI, WANG, ZHAO, PARTY = "enforcement_officer:li", "authority:wang", "enforcement_officer:zhao", "entity:E-0002@E-0002"
REGISTRY = "event:allocation.obligation.settled"
P = EnforcementPolicy(four_eyes={a: frozenset() for a in Article})
FOUR_EYES = EnforcementPolicy()
AT = datetime(2026, 6, 30, 16, 0, 5, tzinfo=timezone.utc)  # 1 July 2026 00:00:05 Shanghai


def later(timeline, hours: float) -> datetime:
    return timeline["order_at"] + timedelta(hours=hours)


def open_m39(year: int = 2025, shortfall: int = 30_000, allegation: str = "", **kwargs) -> PenaltyCase:
    violation = Violation(Article.M39, "E-0002", "E-0002-2025", allegation, AT, year, shortfall)
    args = {"source": CaseSource.EVENT, "correlation_id": "corr-1", "policy": P, "source_ref": "evt-1"} | kwargs
    return PenaltyCase.open("CASE-1", violation, AT, "event:allocation.shortfall", **args)


# -- opening ----------------------------------------------------------------------------------------------------
def test_s8_an_opened_case_keeps_its_source_allegation_order_and_reference():
    case = PenaltyCase.open("CASE-7", Violation(Article.M37, "E-0002", "file-7", " report missing ", AT, 2025), AT,
                            ZHAO, source=CaseSource.OFFICER, correlation_id="corr-7", policy=P, source_ref="file-7")
    assert (case.source, case.allegation, case.source_ref, case.order_detail) == (
        CaseSource.OFFICER, "report missing", "file-7", f"correct: {P.rule(Article.M37).violation}")
    assert case.history == [CaseStep(AT, StepKind.OPENED, ZHAO, "M-37 against covered_entity E-0002: report missing")]


def test_m39_a_case_keeps_the_reported_allegation_or_states_the_shortfall():
    assert open_m39(allegation="2025 surrender short by 30,000 t").allegation == "2025 surrender short by 30,000 t"
    assert open_m39().allegation == "surrender shortfall of 30000 t for 2025"


@pytest.mark.parametrize("field", ["case_id", "party_id", "actor", "correlation_id"])
def test_s8_a_case_opened_without_its_ids_names_the_missing_one(field):
    args = {"case_id": "CASE-7", "party_id": "E-0002", "actor": ZHAO, "correlation_id": "corr-7"} | {field: " "}
    violation = Violation(Article.M37, args["party_id"], "file-7", "report missing", AT, 2025)
    with pytest.raises(RuleViolation) as err:
        PenaltyCase.open(args["case_id"], violation, AT, args["actor"], source=CaseSource.OFFICER,
                         correlation_id=args["correlation_id"], policy=P)
    assert err.value.field == field


def test_m39_the_first_compliance_year_2013_and_a_shortfall_of_1_t_open_a_case():
    assert open_m39(year=2013, shortfall=1).outstanding_tonnes == 1
    for year, shortfall, field in ((2012, 1, "compliance_year"), (2026, 1, "compliance_year"),
                                   (2025, 0, "shortfall_tonnes")):
        with pytest.raises(RuleViolation) as err:
            open_m39(year=year, shortfall=shortfall)
        assert (err.value.field, err.value.article) == (field, "M-39")


def test_s8_only_an_m39_case_carries_a_shortfall_naming_the_article_refused():
    violation = Violation(Article.M41, "AG-01", "F-1", "false report", AT, 2025, shortfall_tonnes=10)
    with pytest.raises(RuleViolation) as err:
        PenaltyCase.open("CASE-8", violation, AT, ZHAO, source=CaseSource.OFFICER, correlation_id="c", policy=P)
    assert (err.value.field, err.value.article) == ("shortfall_tonnes", "M-41")


# -- M-10 succession ---------------------------------------------------------------------------------------------
def test_m10_an_open_case_passes_to_the_successor_with_its_history_and_order(ordered, timeline):
    case = ordered("M-39")
    at = later(timeline, 1)
    steps = case.pass_to_successor(at, "event:allocation.succession.completed", "E-0009", "SUC-1", P)
    assert steps == [CaseStep(at, StepKind.PARTY_SUCCEEDED, "event:allocation.succession.completed",
                              "succession SUC-1 (M-10): E-0002's rights and obligations passed to E-0009")]
    assert (case.party_id, case.case_id, len(case.history), case.order.deadline) == (
        "E-0009", "CASE-1", 3, timeline["last_day"])
    with pytest.raises(RuleViolation) as err:
        case.pass_to_successor(at, LI, "  ", "SUC-2", P)
    assert err.value.field == "successor_id"
    with pytest.raises(Conflict) as err:
        case.pass_to_successor(at - timedelta(seconds=1), LI, "E-0010", "SUC-2", P)
    assert err.value.field == "at"


def test_m10_a_case_against_an_agency_or_a_closed_case_does_not_pass(ordered, timeline):
    agency = ordered("M-41")
    with pytest.raises(Conflict):
        agency.pass_to_successor(later(timeline, 1), LI, "AG-02", "SUC-1", P)
    assert agency.party_id == "AG-01"
    closed = ordered("M-37")
    closed.record_correction(later(timeline, 1), LI, "report filed", P)
    with pytest.raises(Conflict):
        closed.pass_to_successor(later(timeline, 2), LI, "E-0009", "SUC-1", P)
    assert closed.party_id == "E-0002"


# -- time --------------------------------------------------------------------------------------------------------
def test_s8_an_act_before_the_cases_last_step_is_refused_naming_the_instant(opened):
    case = opened("M-37")
    with pytest.raises(Conflict) as err:
        case.issue_order(AT - timedelta(seconds=1), LI, P)
    assert err.value.field == "at" and case.order is None
    with pytest.raises(RuleViolation) as err:
        case.issue_order(AT, " ", P)
    assert err.value.field == "actor"


def test_s8_the_platform_records_an_unpaid_fine_as_overdue(ordered, sh):
    case = ordered("M-42")
    case.decide_fine(sh(2026, 7, 3, 9), LI, D("40000.00"), "fees", P)
    case.notify_penalty(sh(2026, 7, 3, 10), LI, date(2026, 7, 3), "post", P)
    steps = case.tick(sh(2026, 7, 19), P)  # due 18 July (15 days), overdue from 19 July 00:00 Shanghai
    assert [(s.kind, s.actor, s.at) for s in steps] == [(StepKind.PAYMENT_OVERDUE, SYSTEM, sh(2026, 7, 19))]
    assert case.penalty.payment_overdue_at == sh(2026, 7, 19)


def test_m43_once_a_fine_is_decided_no_official_is_awaited_even_while_an_appeal_runs(ordered, timeline):
    case = ordered("M-42")
    case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", P)
    case.lodge_appeal("litigation", later(timeline, 2), PARTY, body="court", grounds="g", filed_on=date(2026, 7, 2),
                      policy=P)
    assert case.awaiting_official_since(P) is None
    declined = ordered("M-39")
    declined.settle_obligation(later(timeline, 1), REGISTRY, P)
    assert declined.awaiting_official_since(P) is None


# -- orders ------------------------------------------------------------------------------------------------------
def test_m37_the_order_names_who_issued_it_and_is_the_one_step_returned(opened, timeline):
    case = opened("M-37")
    steps = case.issue_order(timeline["order_at"], LI, P)
    assert [s.kind for s in steps] == [StepKind.ORDER_ISSUED] and steps[0].actor == LI
    assert (case.order.issued_by, case.order.issued_at) == (LI, timeline["order_at"])


@pytest.mark.parametrize("deadline", [datetime(2026, 8, 1, 9, tzinfo=timezone.utc), "2026-08-01", date(2026, 7, 2)])
def test_m37_a_deadline_that_is_no_date_after_the_day_of_issue_names_field_and_article(opened, timeline, deadline):
    case = opened("M-38-1")
    with pytest.raises(RuleViolation) as err:
        case.issue_order(timeline["order_at"], LI, P, deadline=deadline)
    assert (err.value.field, err.value.article) == ("deadline", "M-38-1")


def test_m37_a_correction_is_recorded_with_who_and_whether_late(ordered, timeline):
    in_time = ordered("M-38-2")
    (step,) = in_time.record_correction(later(timeline, 1), PARTY, "verifier admitted", P)
    assert step == CaseStep(later(timeline, 1), StepKind.CORRECTED, PARTY, "corrected: verifier admitted")
    late = ordered("M-38-2")
    steps = late.record_correction(timeline["overdue_from"], PARTY, "verifier admitted", P)
    assert steps[-1] == CaseStep(timeline["overdue_from"], StepKind.CORRECTED, PARTY,
                                 "corrected after the deadline: verifier admitted")


def test_m39_a_revised_shortfall_is_whole_tonnes_and_recorded_with_who_revised(ordered, timeline):
    case = ordered("M-39")
    for bad in (0, 2.5, "5", True):
        with pytest.raises(RuleViolation) as err:
            case.revise_shortfall(later(timeline, 1), "event:allocation.shortfall.revised", bad, P)
        assert (err.value.field, err.value.article) == ("outstanding", "M-39")
    steps = case.revise_shortfall(later(timeline, 1), "event:allocation.shortfall.revised", 12_000, P)
    assert steps == [CaseStep(later(timeline, 1), StepKind.SHORTFALL_REVISED, "event:allocation.shortfall.revised",
                              "determination for 2025 revised: 30000 t outstanding before, 12000 t now")]
    assert case.outstanding_tonnes == 12_000


@pytest.mark.parametrize("paid", [False, True])
def test_m39_settlement_leaves_nothing_outstanding_and_returns_its_steps(ordered, timeline, paid):
    case = ordered("M-39")
    case.revise_shortfall(later(timeline, 1), REGISTRY, 1, P)
    if paid:
        case.decide_fine(later(timeline, 1), LI, D("60000.00"), "shortfall", P)
        case.notify_penalty(later(timeline, 1), LI, date(2026, 7, 2), "post", P)
        case.record_payment(later(timeline, 1), LI, D("60000.00"), P)
    steps = case.settle_obligation(later(timeline, 2), REGISTRY, P)
    assert steps[0] == CaseStep(later(timeline, 2), StepKind.OBLIGATION_SETTLED, REGISTRY,
                                "surrender obligation for 2025 settled" + ("; fine paid" if paid else ""))
    assert [s.kind for s in steps] == [StepKind.OBLIGATION_SETTLED] + ([StepKind.CLOSED] if paid else [])
    assert case.outstanding_tonnes == 0


# -- four eyes (M-43) ---------------------------------------------------------------------------------------------
def test_m43_a_proposal_is_recorded_with_its_summary_proposer_and_step(ordered, timeline):
    case = ordered("M-42", policy=FOUR_EYES)
    steps = case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", FOUR_EYES)
    (proposal,) = case.proposals
    assert (proposal.no, proposal.kind, proposal.proposed_by, proposal.proposed_at) == (
        1, DecisionKind.FINE, LI, later(timeline, 1))
    assert proposal.summary and steps == [CaseStep(later(timeline, 1), StepKind.DECISION_PROPOSED, LI,
                                                   f"proposal 1 (fine): {proposal.summary}; awaits a second officer "
                                                   "(four eyes, M-43)", 1)]
    with pytest.raises(Conflict) as err:
        case.decide_fine(later(timeline, 2), ZHAO, D("30000.00"), "fees", FOUR_EYES)
    assert err.value.article == "M-43"


def test_m43_an_approval_records_the_second_officer_and_reasons(ordered, timeline):
    case = ordered("M-42", policy=FOUR_EYES)
    case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", FOUR_EYES)
    with pytest.raises(RuleViolation) as err:
        case.approve(1, later(timeline, 2), WANG, " ", FOUR_EYES)
    assert err.value.field == "reasons"
    for machine in ("system", "event:allocation.shortfall"):
        with pytest.raises(RuleViolation) as err:
            case.approve(1, later(timeline, 2), machine, "ok", FOUR_EYES)
        assert (err.value.field, err.value.article) == ("actor", "M-43")
    steps = case.approve(1, later(timeline, 2), WANG, "range and facts checked", FOUR_EYES)
    assert steps[0] == CaseStep(later(timeline, 2), StepKind.DECISION_APPROVED, WANG,
                                f"proposal 1 (fine) by {LI} approved: range and facts checked", 1)
    (proposal,) = case.proposals
    assert (proposal.reviewed_by, proposal.reviewed_at, proposal.approved, proposal.review_reasons) == (
        WANG, later(timeline, 2), True, "range and facts checked")
    with pytest.raises(Conflict) as err:
        case.approve(1, later(timeline, 3), "authority:sun", "again", FOUR_EYES)
    assert err.value.field == "decision_no"
    with pytest.raises(NotFound) as err:
        case.approve(2, later(timeline, 3), "authority:sun", "none", FOUR_EYES)
    assert err.value.field == "decision_no"


def test_m43_the_cases_opener_is_refused_under_m43(ordered, timeline):
    case = ordered("M-42", policy=FOUR_EYES)  # opened by enforcement_officer:zhao
    case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", FOUR_EYES)
    with pytest.raises(Forbidden) as err:
        case.approve(1, later(timeline, 2), "authority:zhao", "ok", FOUR_EYES)
    assert err.value.article == "M-43"


@pytest.mark.parametrize("by, how", [(WANG, "rejected"), ("authority:li", "withdrawn by its proposer")])
def test_m43_a_rejection_or_withdrawal_records_who_and_why(ordered, timeline, by, how):
    case = ordered("M-42", policy=FOUR_EYES)
    case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", FOUR_EYES)
    with pytest.raises(RuleViolation) as err:
        case.reject(1, later(timeline, 2), by, "", FOUR_EYES)
    assert err.value.field == "reasons"
    steps = case.reject(1, later(timeline, 2), by, "amount not justified", FOUR_EYES)
    assert steps == [CaseStep(later(timeline, 2), StepKind.DECISION_REJECTED, by,
                              f"proposal 1 (fine) {how}: amount not justified", 1)]
    (proposal,) = case.proposals
    assert (proposal.reviewed_by, proposal.approved, proposal.review_reasons) == (by, False, "amount not justified")
    assert case.penalty is None and case.status is CaseStatus.ORDER_ISSUED


def test_m43_an_accepted_objection_sets_aside_the_pending_fine_only(ordered, timeline):
    case = ordered("M-39", policy=FOUR_EYES)
    case.apply_measures(["credit_record"], later(timeline, 1), LI, "shortfall", FOUR_EYES)
    case.decide_fine(later(timeline, 1), LI, D("60000.00"), "shortfall", FOUR_EYES)
    case.file_objection(later(timeline, 2), PARTY, "registry error", FOUR_EYES)
    steps = case.decide_objection(1, True, later(timeline, 3), WANG, "proven", FOUR_EYES)
    assert steps[1:] == [CaseStep(later(timeline, 3), StepKind.DECISION_REJECTED, WANG,
                                  "proposal 2 (fine) set aside: the party's objection 1 was accepted", 2)]
    measures, fine = case.proposals
    assert measures.pending and not fine.pending
    assert (fine.reviewed_by, fine.reviewed_at, fine.review_reasons) == (
        WANG, later(timeline, 3), "the party's objection 1 was accepted")


def test_m43_a_tick_at_the_instant_of_the_last_step_still_records_what_fell_due(ordered, timeline):
    """A rejection of a long-pending proposal leaves the fine undecided since the order: the next tick, even at the
    rejection's own instant, flags that wait (only a tick older than the last step is ignored)."""
    case = ordered("M-42", policy=FOUR_EYES)
    case.decide_fine(later(timeline, 1), LI, D("40000.00"), "fees", FOUR_EYES)
    rejected = timeline["order_at"] + timedelta(days=40)
    steps = case.reject(1, rejected, WANG, "amount not justified", FOUR_EYES)
    assert [s.kind for s in steps] == [StepKind.OVERDUE, StepKind.INACTION_FLAGGED, StepKind.DECISION_REJECTED]
    (flag,) = case.tick(rejected, FOUR_EYES)
    assert (flag.kind, flag.at) == (StepKind.INACTION_FLAGGED, rejected)
    assert case.inaction_flagged_for == timeline["order_at"]
