"""Events of the enforcement service: cases, orders, penalties, M-40 measures (regulation.md §8).

Other government systems (credit-information platform, market regulation, tax, finance, project approval) integrate
by consuming these subjects.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.contracts.base import EventData, Money, contract

P = "enforcement"
PartyKind = Literal["covered_entity", "agency", "exchange"]


@contract(
    producer=P, aggregate="case", event="opened", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0002",
             "compliance_year": 2025, "summary": "Surrender shortfall of 30000 t for 2025",
             "opened_at": "2026-06-30T16:00:05Z"},
)
class CaseOpened(EventData):
    """An enforcement case was opened against a party under an article of the Measures."""

    case_id: str
    article: str = Field(description="e.g. M-37, M-38-1, M-38-2, M-39, M-41, M-42")
    party_kind: PartyKind
    party_id: str
    compliance_year: int | None = None
    summary: str
    opened_at: AwareDatetime


@contract(
    producer=P, aggregate="order", event="issued", version=1,
    example={"case_id": "CASE-1", "article": "M-39", "party_id": "E-0002", "order": "surrender",
             "detail": "Surrender 30000 allowances for 2025", "deadline": "2026-07-31",
             "issued_at": "2026-06-30T16:00:05Z"},
)
class OrderIssued(EventData):
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
class PenaltyDecided(EventData):
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
class PenaltyPaid(EventData):
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
class CreditRecordEntered(EventData):
    """M-40(1): the violation is entered in the party's credit-information record, and published on the government
    website or media when `published`. Consumed by the credit-information platform."""

    case_id: str
    article: str
    party_id: str
    violation: str
    published: bool
    recorded_at: AwareDatetime


@contract(
    producer=P, aggregate="departments", event="notified", version=1,
    example={"case_id": "CASE-1", "party_id": "E-0002",
             "departments": ["market_regulation", "tax", "finance"],
             "summary": "Surrender obligation for 2025 not fulfilled (M-16)", "notified_at": "2026-08-05T02:00:00Z"},
)
class DepartmentsNotified(EventData):
    """M-40(1): market regulation (工商), tax and finance departments are notified of the violation."""

    case_id: str
    party_id: str
    departments: list[Literal["market_regulation", "tax", "finance"]]
    summary: str
    notified_at: AwareDatetime


class AppliedMeasure(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    kind: Literal["special_fund_ineligible", "award_ineligible", "project_assessment_refused"]
    from_year: int
    to_year: int
    department: str = Field(description="Who must act on it, e.g. project_approval, energy_saving_fund")


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
class MeasuresApplied(EventData):
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
class CaseClosed(EventData):
    """The case is closed (corrected, or settled and any fine paid)."""

    case_id: str
    article: str
    party_id: str
    outcome: str
    closed_at: AwareDatetime
