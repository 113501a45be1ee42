"""The enforcement policy of each compliance year as stored (`policy_setting`) and as GET/PUT /policy/{year} show
it: the document (docs/policy-parameters.md#enforcement, docs/rules.md §8), its defaults, and the domain
`EnforcementPolicy` it becomes (`policy_for`; `policy_cache` for a transaction spanning several years)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, field_validator
from sqlalchemy.orm import Session

from enforcement.domain import Article, DecisionKind, EnforcementPolicy
from enforcement.domain.articles import ArticleCode
from enforcement.domain.history import DecisionKindCode
from ets_shared.persistence.policy import PolicyCache, load_domain_policy


def _every_article(default: object) -> Callable[[object], object]:
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


def policy_for(session: Session, year: int) -> EnforcementPolicy:
    """The domain policy in force for `year`: the authority's document, or the defaults — made once per session
    (each case a consumed batch opens asks for it; `store_policy` refreshes it)."""
    return load_domain_policy(session, year, EnforcementPolicyModel, default_policy, _domain_policy)


def _domain_policy(document: EnforcementPolicyModel, _year: int) -> EnforcementPolicy:
    return document.to_policy()


def policy_cache(session: Session) -> PolicyCache[EnforcementPolicy]:
    """The enforcement policies of the years one transaction touches (a tick spans several), each loaded once."""
    return PolicyCache(session, policy_for)
