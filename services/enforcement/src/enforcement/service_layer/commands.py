"""What callers ask the enforcement service to do (also the HTTP request bodies), and its per-year policy."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, field_validator

from enforcement.domain import Article, DecisionKind, EnforcementPolicy
from ets_shared.bounds import Day, exact_decimal

ArticleCode = Literal["M-37", "M-38-1", "M-38-2", "M-39", "M-41", "M-42"]
DecisionKindCode = Literal["fine", "fine_declined", "dismissal", "measures"]
CaseStatusCode = Literal["opened", "order_issued", "overdue", "fine_unpaid", "awaiting_decision", "closed"]
Reasons = Annotated[str, Field(min_length=1, max_length=4000)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Key = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")]


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError('give the amount as a decimal string in yuan, e.g. "80000.00" (floats are inexact)')
    return value


Yuan = Annotated[exact_decimal(14, 2, ge=None), BeforeValidator(_no_float),
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


def _every_article(default):
    def fill(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):  # one period for every article
            return {a.value: value for a in Article}
        if isinstance(value, dict):
            return {a.value: value.get(a.value, default) for a in Article} | value
        return value
    return fill


class EnforcementPolicyModel(BaseModel):
    """The enforcement [param]s of a compliance year (docs/policy-parameters.md#enforcement, docs/rules.md §8;
    domain `EnforcementPolicy`)."""

    order_deadline_days: Annotated[dict[ArticleCode, Annotated[int, Field(ge=1, le=3650)]],
                                   BeforeValidator(_every_article(30))] = Field(
        default_factory=lambda: {a.value: 30 for a in Article},
        description="Period of an order to correct or to surrender, in days, per article (one number: every "
                    "article)")
    four_eyes: Annotated[dict[ArticleCode, list[DecisionKindCode]],
                         BeforeValidator(_every_article([k.value for k in DecisionKind]))] = Field(
        default_factory=lambda: {a.value: [k.value for k in DecisionKind] for a in Article},
        description="Per article, the decisions a second officer must approve (M-43); an article left out keeps "
                    "the default (all four)")
    fine_decision_window_days: int = Field(default=30, ge=1, le=3650, description="M-39: days after the shortfall "
                                           "was made good in which a fine may still be decided")
    payment_days: int = Field(default=15, ge=1, le=365, description="Days from service of the penalty decision "
                              "to pay the fine (Administrative Penalty Law Art. 67)")
    inaction_alert_days: int = Field(default=30, ge=1, le=3650, description="M-43: days an official act may "
                                     "wait before the case is flagged")
    publicity_years: int = Field(default=3, ge=1, le=10, description="M-40(1): years a credit record, the "
                                 "departments' notice and the publication stand")

    @field_validator("four_eyes")
    @classmethod
    def _distinct(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {article: sorted(set(kinds)) for article, kinds in value.items()}

    def to_policy(self) -> EnforcementPolicy:
        return EnforcementPolicy(
            order_deadline_days={Article(a): n for a, n in self.order_deadline_days.items()},
            four_eyes={Article(a): frozenset(DecisionKind(k) for k in kinds) for a, kinds in self.four_eyes.items()},
            fine_decision_window_days=self.fine_decision_window_days, payment_days=self.payment_days,
            inaction_alert_days=self.inaction_alert_days, publicity_years=self.publicity_years)


def default_policy(_year: int) -> EnforcementPolicyModel:
    return EnforcementPolicyModel()
