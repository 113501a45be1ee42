"""What callers ask the enforcement service to do (also the HTTP request bodies). The per-year policy document:
`adapters.policy_repository`."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from enforcement.domain.articles import ArticleCode
from ets_shared.bounds import Day, ExactDecimal

CaseStatusCode = Literal["opened", "order_issued", "overdue", "fine_unpaid", "awaiting_decision", "closed"]
Reasons = Annotated[str, Field(min_length=1, max_length=4000)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Key = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")]


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError('give the amount as a decimal string in yuan, e.g. "80000.00" (floats are inexact)')
    return value


Yuan = Annotated[Decimal, ExactDecimal(14, 2, ge=None), BeforeValidator(_no_float),
                 Field(description='Yuan, exact decimal string, e.g. "80000.00"')]


class OpenCase(BaseModel):
    """§8: an officer opens a case (inspection, complaint, a report from another service). `violation_key` names
    the violation as the platform does when it opens the case itself (M-37 `E-0001-2025-report`, M-39
    `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the violation never gets
    a second case. An M-39 case defaults to the key `<entity>-<year>`."""

    case_id: str | None = Field(default=None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$",
                                description="The office's own file number (else derived from the violation)")
    violation_key: Key | None = None
    article: ArticleCode
    party_kind: Literal["covered_entity", "agency", "exchange"]
    party_id: str = Field(min_length=1, max_length=64)
    allegation: str = Field(default="", max_length=4000, description="Required except for M-39")
    compliance_year: int | None = Field(default=None, ge=2013, le=2100, description="Required for M-39")
    shortfall_tonnes: int | None = Field(default=None, ge=1, le=10**12, description="M-39 only: the shortfall")
    source_ref: str | None = Field(default=None, max_length=200, description="The officer's file reference")
    deadline: Day | None = Field(default=None, description="Last day of the order where the article orders at "
                                  "once (M-38-2, M-39, M-41, M-42); default: the article's order_deadline_days")


class IssueOrder(BaseModel):
    deadline: Day | None = Field(default=None, description="Last Shanghai day to comply; default the article's "
                                  "order_deadline_days after the day of issue")


class DecidePenalty(BaseModel):
    amount: Yuan
    reasons: Reasons


class GiveReasons(BaseModel):
    """Declining M-39's fine, dismissing a case, approving or rejecting a proposal: the reasons go on record."""

    reasons: Reasons


class NotifyPenalty(BaseModel):
    served_on: Day = Field(description="The day the decision reached the party (送达)")
    method: Literal["in_person", "post", "electronic", "public_notice"]


class RecordPayment(BaseModel):
    amount: Yuan


class RecordCorrection(BaseModel):
    detail: Text


class ApplyMeasures(BaseModel):
    """M-40 measures for an M-37, M-38 or M-39 case (violations of M-12, M-13 ¶2, M-16). The credit record always
    comes with the departments' notice and its publication (M-40(1))."""

    measures: list[Literal["credit_record", "special_fund_ineligible", "award_ineligible",
                           "project_assessment_refused"]] = Field(min_length=1, max_length=4)
    reasons: Reasons
    published: Literal[True] = Field(default=True, description="M-40(1) publishes the credit record on the "
                                     "government website or media: not optional (the article bundles it)")


class FileObjection(BaseModel):
    grounds: Text


class DecideObjection(BaseModel):
    outcome: Literal["accepted", "rejected"]
    reasons: Reasons


class LodgeAppeal(BaseModel):
    kind: Literal["reconsideration", "litigation"]
    body: str = Field(min_length=1, max_length=200, description="The reconsideration organ or the court")
    grounds: Text
    filed_on: Day


class DecideAppeal(BaseModel):
    outcome: Literal["decision_upheld", "fine_reduced", "decision_revoked"]
    reasons: Reasons
    amount: Yuan | None = Field(default=None, description="fine_reduced: the new, lower amount")
