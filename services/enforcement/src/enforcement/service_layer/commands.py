"""What callers ask the enforcement service to do (also the HTTP request bodies), and its per-year policy."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

ArticleCode = Literal["M-37", "M-38-1", "M-38-2", "M-39", "M-41", "M-42"]
CaseStatusCode = Literal["opened", "order_issued", "overdue", "fine_unpaid", "awaiting_decision", "closed"]
Reasons = Annotated[str, Field(min_length=1, max_length=4000)]


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError('give the amount as a decimal string in yuan, e.g. "80000.00" (floats are inexact)')
    return value


Yuan = Annotated[Decimal, BeforeValidator(_no_float), Field(description='Yuan, exact decimal, e.g. "80000.00"')]


class OpenCase(BaseModel):
    """§8: an officer opens a case (inspection, complaint, a report from another service). M-39 cases normally
    open from the registry's shortfall; an officer-opened M-39 case gets the same id `CASE-M39-{entity}-{year}`."""

    case_id: str | None = Field(default=None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    article: ArticleCode
    party_kind: Literal["covered_entity", "agency", "exchange"]
    party_id: str = Field(min_length=1, max_length=64)
    allegation: str = Field(default="", max_length=4000, description="Required except for M-39")
    compliance_year: int | None = Field(default=None, ge=2013, description="Required for M-39")
    shortfall_tonnes: int | None = Field(default=None, ge=1, description="M-39 only: the shortfall")
    source_ref: str | None = Field(default=None, max_length=200, description="The officer's file reference")
    deadline: date | None = Field(default=None, description="Last day of the order where the article orders at "
                                  "once (M-38-2, M-39, M-41, M-42); default: order_deadline_days")


class IssueOrder(BaseModel):
    deadline: date | None = Field(default=None, description="Last Shanghai day to comply; default "
                                  "order_deadline_days after the day of issue")


class DecidePenalty(BaseModel):
    amount: Yuan
    reasons: Reasons


class DeclinePenalty(BaseModel):
    reasons: Reasons


class RecordPayment(BaseModel):
    amount: Yuan


class RecordCorrection(BaseModel):
    detail: str = Field(min_length=1, max_length=4000)


class Dismiss(BaseModel):
    reasons: Reasons


class ApplyMeasures(BaseModel):
    """M-40 measures for an M-37, M-38 or M-39 case (violations of M-12, M-13 ¶2, M-16)."""

    measures: list[Literal["credit_record", "special_fund_ineligible", "award_ineligible",
                           "project_assessment_refused"]]
    published: bool = Field(default=True, description="M-40(1): publish the credit record on the government "
                            "website or media")


class EnforcementPolicyModel(BaseModel):
    """The enforcement [param]s of a compliance year (regulation.md §8; domain `EnforcementPolicy`)."""

    order_deadline_days: int = Field(default=30, ge=1, le=3650,
                                     description="Period of an order to correct or to surrender, in days")
    fine_decision_window_days: int = Field(default=30, ge=1, le=3650, description="M-39: days after the "
                                           "shortfall was made good in which a fine may still be decided")
    inaction_alert_days: int = Field(default=30, ge=1, le=3650, description="M-43: days an official act may "
                                     "wait before the case is flagged")


def default_policy(_year: int) -> EnforcementPolicyModel:
    return EnforcementPolicyModel()
