"""Events of the enforcement service: every step of a case — opened, order issued / overdue / complied with,
shortfall changed, decisions proposed and reviewed (four eyes), penalty decided / declined / notified / payment
overdue / paid, M-40 measures applied and lifted, objections and appeals with their outcome, closed — and the M-43
inaction flags (docs/rules.md §8, §10).

Other government systems (credit-information platform, market regulation, tax, finance, project approval) integrate
by consuming these subjects; every event of one compliance case carries that case's correlation id.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.contracts.base import CaseEventData, EventData, Money, contract

P = "enforcement"
PartyKind = Literal["covered_entity", "agency", "exchange"]
CaseSource = Literal["event", "officer"]
Closure = Literal["corrected", "settled_and_paid", "settled_no_fine", "dismissed", "revoked"]
AppealKind = Literal["reconsideration", "litigation"]


@contract(
    producer=P, aggregate="case", event="opened", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0002",
             "compliance_year": 2025, "summary": "Surrender shortfall of 30000 t for 2025",
             "opened_at": "2026-06-30T16:00:05Z"},
)
class CaseOpened(CaseEventData):
    """An enforcement case was opened against a party under an article of the Measures."""

    case_id: str
    article: str = Field(description="e.g. M-37, M-38-1, M-38-2, M-39, M-41, M-42")
    party_kind: PartyKind
    party_id: str
    compliance_year: int | None = None
    summary: str
    opened_at: AwareDatetime
    source: CaseSource | None = Field(default=None, description="opened from another service's "
                                                       "event or by an officer")
    source_ref: str | None = Field(default=None, description="the causing event's id or the officer's file reference")


@contract(
    producer=P, aggregate="order", event="issued", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_id": "E-0002", "order": "surrender",
             "detail": "Surrender 30000 allowances for 2025", "deadline": "2026-07-31",
             "issued_at": "2026-06-30T16:00:05Z"},
)
class OrderIssued(CaseEventData):
    """An order to correct (责令限期改正) or to fulfil the surrender obligation (责令履行清缴义务) was issued."""

    case_id: str
    article: str
    party_id: str
    order: Literal["surrender", "correct"]
    detail: str
    deadline: date
    issued_at: AwareDatetime


@contract(
    producer=P, aggregate="penalty", event="decided", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_id": "E-0002", "amount": "80000.00",
             "currency": "CNY", "reasons": "Shortfall not made good by the order deadline",
             "decided_at": "2026-08-05T02:00:00Z"},
)
class PenaltyDecided(CaseEventData):
    """A fine was decided within the article's range (inclusive). A fine never replaces a surrender."""

    case_id: str
    article: str
    party_id: str
    amount: Money
    currency: Literal["CNY"] = "CNY"
    reasons: str
    decided_at: AwareDatetime


@contract(
    producer=P, aggregate="penalty", event="paid", version=1,
    example={"case_id": "CASE-1", "party_id": "E-0002", "amount": "80000.00", "paid_at": "2026-08-20T02:00:00Z"},
)
class PenaltyPaid(CaseEventData):
    """The decided fine was paid."""

    case_id: str
    party_id: str
    amount: Money
    paid_at: AwareDatetime


@contract(
    producer=P, aggregate="credit-record", event="entered", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_id": "E-0002",
             "violation": "Surrender obligation for 2025 not fulfilled (M-16)", "published": True,
             "recorded_at": "2026-08-05T02:00:00Z"},
)
class CreditRecordEntered(CaseEventData):
    """M-40(1): the violation is entered in the party's credit-information record, and published on the government
    website or media when `published`. Consumed by the credit-information platform."""

    case_id: str
    article: str
    party_id: str
    violation: str
    published: bool
    recorded_at: AwareDatetime
    starts_on: date | None = Field(default=None, description="first day the record stands (Shanghai)")
    ends_on: date | None = Field(default=None, description="last day it stands (publicity period)")


@contract(
    producer=P, aggregate="departments", event="notified", version=1,
    example={"case_id": "CASE-1", "party_id": "E-0002",
             "departments": ["market_regulation", "tax", "finance"],
             "summary": "Surrender obligation for 2025 not fulfilled (M-16)", "notified_at": "2026-08-05T02:00:00Z"},
)
class DepartmentsNotified(CaseEventData):
    """M-40(1): market regulation (工商), tax and finance departments are notified of the violation."""

    case_id: str
    party_id: str
    departments: list[Literal["market_regulation", "tax", "finance"]]
    summary: str
    notified_at: AwareDatetime
    starts_on: date | None = None
    ends_on: date | None = Field(default=None, description="last day the notified violation stands")


class AppliedMeasure(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    kind: Literal["special_fund_ineligible", "award_ineligible", "project_assessment_refused"]
    from_year: int
    to_year: int
    department: str = Field(description="Who must act on it, e.g. project_approval, energy_saving_fund")
    starts_on: date | None = Field(default=None, description="first day in force (Shanghai)")
    ends_on: date | None = Field(default=None, description="last day in force (Shanghai)")


@contract(
    producer=P, aggregate="measures", event="applied", version=1,
    example={"case_id": "CASE-1", "party_id": "E-0002",
             "measures": [{"kind": "special_fund_ineligible", "from_year": 2026, "to_year": 2027,
                           "department": "energy_saving_fund"},
                          {"kind": "award_ineligible", "from_year": 2026, "to_year": 2028,
                           "department": "energy_saving_awards"},
                          {"kind": "project_assessment_refused", "from_year": 2027, "to_year": 2027,
                           "department": "project_approval"}],
             "decided_at": "2026-08-05T02:00:00Z"},
)
class MeasuresApplied(CaseEventData):
    """M-40(2)-(3): loss of special-fund and award eligibility, refusal of new projects' energy assessments."""

    case_id: str
    party_id: str
    measures: list[AppliedMeasure]
    decided_at: AwareDatetime


@contract(
    producer=P, aggregate="case", event="closed", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_id": "E-0002",
             "outcome": "obligation settled; fine paid", "closed_at": "2026-08-21T02:00:00Z"},
)
class CaseClosed(CaseEventData):
    """The case is closed: corrected, settled (and any fine paid), dismissed, or its decision revoked on appeal."""

    case_id: str
    article: str
    party_id: str
    outcome: str
    closed_at: AwareDatetime
    closure: Closure | None = None


@contract(
    producer=P, aggregate="order", event="overdue", version=1,
    example={"case_id": "CASE-M37-E-0003-2025-report", "article": "M-37", "party_id": "E-0003",
             "deadline": "2026-05-01", "detail": "correct: false report, concealment, or refusal to report emissions",
             "overdue_at": "2026-05-01T16:00:00Z"},
)
class OrderOverdue(CaseEventData):
    """The order's deadline passed without compliance (at the first tick after it). Under M-37 and M-38 ¶1 the fine
    is now due ("逾期未改正的,处以…罚款")."""

    case_id: str
    article: str
    party_id: str
    deadline: date
    detail: str
    overdue_at: AwareDatetime


@contract(
    producer=P, aggregate="order", event="complied", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002",
             "how": "obligation_settled", "late": True, "detail": "surrender obligation for 2025 settled",
             "complied_at": "2026-08-10T02:00:00Z"},
)
class OrderComplied(CaseEventData):
    """The party complied: corrected (M-37, M-38, M-41, M-42) or, under M-39, the shortfall made good; `late` when
    after the order's deadline."""

    case_id: str
    article: str
    party_id: str
    how: Literal["corrected", "obligation_settled"]
    late: bool
    detail: str
    complied_at: AwareDatetime


@contract(
    producer=P, aggregate="case", event="shortfall-changed", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "party_id": "E-0002", "compliance_year": 2025,
             "outstanding_tonnes": 35000, "cause": "revised_determination",
             "detail": "determination for 2025 revised: 30000 t outstanding before, 35000 t now",
             "changed_at": "2026-08-10T02:00:00Z"},
)
class ShortfallChanged(CaseEventData):
    """M-39: what is still to surrender changed — part surrendered, or a revised determination moved it."""

    case_id: str
    party_id: str
    compliance_year: int
    outstanding_tonnes: int = Field(ge=0)
    cause: Literal["surrender", "revised_determination"]
    detail: str
    changed_at: AwareDatetime


DecisionKindCode = Literal["fine", "fine_declined", "dismissal", "measures"]


@contract(
    producer=P, aggregate="decision", event="proposed", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "decision_no": 1,
             "kind": "fine", "summary": "fine 80,000.00 yuan under M-39: shortfall not made good",
             "proposed_by": "enforcement_officer:li", "proposed_at": "2026-08-05T02:00:00Z"},
)
class DecisionProposed(CaseEventData):
    """M-43 four eyes: an officer proposed a decision the year's policy has a second officer approve."""

    case_id: str
    article: str
    party_id: str
    decision_no: int = Field(ge=1)
    kind: DecisionKindCode
    summary: str
    proposed_by: str
    proposed_at: AwareDatetime


@contract(
    producer=P, aggregate="decision", event="reviewed", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "decision_no": 1,
             "kind": "fine", "approved": True, "reviewed_by": "authority:wang",
             "reasons": "amount proportionate to a 30,000 t shortfall", "reviewed_at": "2026-08-06T02:00:00Z"},
)
class DecisionReviewed(CaseEventData):
    """M-43 four eyes: a second officer approved the proposed decision (it takes effect now) or rejected it (or its
    proposer withdrew it)."""

    case_id: str
    article: str
    party_id: str
    decision_no: int = Field(ge=1)
    kind: DecisionKindCode
    approved: bool
    reviewed_by: str
    reasons: str
    reviewed_at: AwareDatetime


@contract(
    producer=P, aggregate="penalty", event="declined", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002",
             "reasons": "shortfall made good within a week, first offence", "declined_at": "2026-08-06T02:00:00Z"},
)
class PenaltyDeclined(CaseEventData):
    """M-39 only: the authority decided not to fine ("可以处以"); the surrender is still owed."""

    case_id: str
    article: str
    party_id: str
    reasons: str
    declined_at: AwareDatetime


@contract(
    producer=P, aggregate="penalty", event="notified", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "amount": "80000.00",
             "served_on": "2026-08-07", "method": "post", "payment_due": "2026-08-22",
             "notified_at": "2026-08-07T02:00:00Z"},
)
class PenaltyNotified(CaseEventData):
    """The penalty decision was served on the party (送达); the fine is due by `payment_due`."""

    case_id: str
    article: str
    party_id: str
    amount: Money
    served_on: date
    method: Literal["in_person", "post", "electronic", "public_notice"]
    payment_due: date
    notified_at: AwareDatetime


@contract(
    producer=P, aggregate="penalty", event="payment-overdue", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "amount": "80000.00",
             "payment_due": "2026-08-22", "overdue_at": "2026-08-22T16:00:00Z"},
)
class PaymentOverdue(CaseEventData):
    """The fine was not paid by its due date."""

    case_id: str
    article: str
    party_id: str
    amount: Money
    payment_due: date
    overdue_at: AwareDatetime


@contract(
    producer=P, aggregate="measures", event="lifted", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "party_id": "E-0002",
             "effects": ["credit_record_entered", "departments_notified", "published", "special_fund_ineligible"],
             "reasons": "reconsideration 1: decision revoked", "lifted_at": "2026-10-09T02:00:00Z"},
)
class MeasuresLifted(CaseEventData):
    """M-40 measures lifted because their decision was revoked on appeal: they are void; every department that
    acted on them undoes it."""

    case_id: str
    party_id: str
    effects: list[str]
    reasons: str
    lifted_at: AwareDatetime


@contract(
    producer=P, aggregate="objection", event="filed", version=1,
    example={"case_id": "CASE-M37-E-0003-2025-report", "article": "M-37", "party_id": "E-0003", "objection_no": 1,
             "grounds": "the report was filed by post on 28 March; receipt attached",
             "filed_by": "entity:E-0003@E-0003", "filed_at": "2026-05-03T02:00:00Z"},
)
class ObjectionFiled(CaseEventData):
    """The party's statement and defence (陈述、申辩) before the fine is decided."""

    case_id: str
    article: str
    party_id: str
    objection_no: int = Field(ge=1)
    grounds: str
    filed_by: str
    filed_at: AwareDatetime


@contract(
    producer=P, aggregate="objection", event="decided", version=1,
    example={"case_id": "CASE-M37-E-0003-2025-report", "article": "M-37", "party_id": "E-0003", "objection_no": 1,
             "outcome": "rejected", "reasons": "no postal record of the report", "decided_by": "enforcement_officer:li",
             "decided_at": "2026-05-06T02:00:00Z"},
)
class ObjectionDecided(CaseEventData):
    """The officer decided the party's objection (accepted or rejected), with reasons."""

    case_id: str
    article: str
    party_id: str
    objection_no: int = Field(ge=1)
    outcome: Literal["accepted", "rejected"]
    reasons: str
    decided_by: str
    decided_at: AwareDatetime


@contract(
    producer=P, aggregate="appeal", event="lodged", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "appeal_no": 2,
             "kind": "reconsideration", "body": "Shanghai Municipal People's Government",
             "grounds": "the fine ignores the determination's revision", "filed_on": "2026-08-20",
             "lodged_at": "2026-08-21T02:00:00Z"},
)
class AppealLodged(CaseEventData):
    """An administrative reconsideration (行政复议) or litigation (行政诉讼) against the decision was recorded; the
    decision is still enforced meanwhile."""

    case_id: str
    article: str
    party_id: str
    appeal_no: int = Field(ge=1)
    kind: AppealKind
    body: str
    grounds: str
    filed_on: date
    lodged_at: AwareDatetime


@contract(
    producer=P, aggregate="appeal", event="decided", version=1,
    example={"case_id": "CASE-M39-E-0002-2025", "article": "M-39", "party_id": "E-0002", "appeal_no": 2,
             "kind": "reconsideration", "outcome": "fine_reduced", "amount": "60000.00",
             "reasons": "the shortfall was halved by the revision", "decided_at": "2026-10-09T02:00:00Z"},
)
class AppealDecided(CaseEventData):
    """The appeal's outcome: the decision upheld, the fine reduced (`amount`), or the decision revoked (the case
    closes `revoked` and its M-40 measures are lifted)."""

    case_id: str
    article: str
    party_id: str
    appeal_no: int = Field(ge=1)
    kind: AppealKind
    outcome: Literal["decision_upheld", "fine_reduced", "decision_revoked"]
    amount: Money | None = None
    reasons: str
    decided_at: AwareDatetime


@contract(
    producer=P, aggregate="inaction", event="flagged", version=1,
    example={"flag_id": "mrv-determination-RPT-E-0004-2025-2026-05-15", "article": "M-43",
             "responsible": "authority", "service": "mrv", "subject_ref": "report:RPT-E-0004-2025",
             "duty": "determine the 2025 emissions of E-0004 (M-15)", "due_on": "2026-05-15", "party_id": "E-0004",
             "case_id": None, "found_at": "2026-05-15T16:00:00Z"},
)
class InactionFlagged(EventData):
    """M-43: an official let a deadline pass — in an enforcement case (an order, a fine, an approval, an objection
    waiting) or in another service (a determination not made in time)."""

    flag_id: str
    article: Literal["M-43"] = "M-43"
    responsible: str
    service: str
    subject_ref: str
    duty: str
    due_on: date | None = None
    party_id: str | None = None
    case_id: str | None = None
    found_at: AwareDatetime


@contract(
    producer=P, aggregate="inaction", event="resolved", version=1,
    example={"flag_id": "mrv-determination-RPT-E-0004-2025-2026-05-15", "responsible": "authority",
             "service": "mrv", "subject_ref": "report:RPT-E-0004-2025",
             "resolution": "determined on 2026-05-20 (5 days late)", "resolved_at": "2026-05-20T02:00:00Z"},
)
class InactionResolved(EventData):
    """M-43: the act an inaction flag waited for came; the flag stays on record with how and when."""

    flag_id: str
    responsible: str
    service: str
    subject_ref: str
    resolution: str
    resolved_at: AwareDatetime
