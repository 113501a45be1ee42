"""The per-year MRV parameters as the authority sets them (`GET/PUT /policy/{year}`): a pydantic mirror of
`mrv.domain.policy.MrvPolicy`, checked with the domain's own rules when it is set."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session

from ets_shared.bounds import DecimalString
from ets_shared.errors import DomainError
from ets_shared.persistence.policy import PolicyCache, load_policy
from mrv.domain.factors import find_factor_set
from mrv.domain.policy import M3_DEPARTMENTS, DiscrepancyBase, MrvPolicy


class MrvPolicyModel(BaseModel):
    """MRV [param]s of one compliance year (docs/rules.md §4; docs/policy-parameters.md#mrv): re-check thresholds
    (M-15 ¶2), the objection period before a verified figure is determined (M-15 ¶1), whether verified figures are
    determined automatically and to whom determinations are copied (M-15), deadlines (M-11, M-12, M-13) and the
    factor set (M-44(1))."""

    recheck_discrepancy_ratio: DecimalString = Field(
        Decimal("0.10"), gt=0, description="M-15 ¶2(1): reported vs verified differ by at least this share")
    recheck_discrepancy_base: Literal["verified", "reported"] = Field(
        "verified", description="M-15 ¶2(1): the figure the share is taken of")
    recheck_discrepancy_tonnes: int = Field(100_000, gt=0, description="M-15 ¶2(1): ... or by at least these tonnes")
    recheck_year_on_year_ratio: DecimalString = Field(
        Decimal("0.20"), gt=0, description="M-15 ¶2(2): verified vs last year's determined differ by this share")
    objection_period_days: int = Field(
        7, ge=0, le=30, description="days after receiving the verification in which the entity may object before "
                                    "the verified figure may be determined (at most determination_days)")
    determination_days: int = Field(30, ge=1, le=30, description="M-15 ¶1: determination due within these days")
    report_due: date | None = Field(None, description="M-12: default 31 Mar of the next year")
    verification_due: date | None = Field(None, description="M-13: default 30 Apr of the next year")
    monitoring_plan_due: date | None = Field(None, description="M-11: default 31 Dec of the year before")
    factor_set_id: str | None = Field(None, description="M-44(1): null = the built-in set covering the year "
                                                        "(SH-2012 up to 2021, SH-2022 from 2022)")
    automatic_determination: bool = Field(
        False, description="M-15: determine a verified figure without a re-check trigger by itself once the "
                           "objection period has passed; false (the default): the authority determines (one by "
                           "one or in bulk from the queue)")
    determination_copied_to: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]] = Field(
        default_factory=lambda: list(M3_DEPARTMENTS), max_length=50,
        description="M-15 ¶1: departments the report, verification and determination are copied to (default: the "
                    "co-implementing departments of M-3 ¶2)")

    @model_validator(mode="after")
    def _domain_rules(self) -> "MrvPolicyModel":
        if self.objection_period_days > self.determination_days:
            raise ValueError("objection_period_days may not exceed determination_days (M-15: the determination is "
                             "due within determination_days of receiving the verification report)")
        if len(set(self.determination_copied_to)) != len(self.determination_copied_to):
            raise ValueError("each department in determination_copied_to is named once")
        if self.report_due and self.verification_due and self.verification_due < self.report_due:
            raise ValueError("verification_due may not be before report_due (M-13)")
        if self.factor_set_id is not None:
            try:
                find_factor_set(self.factor_set_id)
            except DomainError as exc:
                raise ValueError(exc.detail) from None
        return self

    def to_domain(self, year: int) -> MrvPolicy:
        values = self.model_dump()
        values["recheck_discrepancy_base"] = DiscrepancyBase(values["recheck_discrepancy_base"])
        values["determination_copied_to"] = tuple(values["determination_copied_to"])
        return MrvPolicy(year=year, **values)

    @classmethod
    def default(cls, year: int) -> "MrvPolicyModel":
        policy = MrvPolicy.default(year)
        return cls(recheck_discrepancy_ratio=policy.recheck_discrepancy_ratio,
                   recheck_discrepancy_base=policy.recheck_discrepancy_base.value,
                   recheck_discrepancy_tonnes=policy.recheck_discrepancy_tonnes,
                   recheck_year_on_year_ratio=policy.recheck_year_on_year_ratio,
                   objection_period_days=policy.objection_period_days,
                   determination_days=policy.determination_days, report_due=policy.report_due,
                   verification_due=policy.verification_due, monitoring_plan_due=policy.monitoring_plan_due,
                   factor_set_id=policy.factor_set_id, automatic_determination=policy.automatic_determination,
                   determination_copied_to=list(policy.determination_copied_to))


def load_mrv_policy(session: Session, year: int) -> MrvPolicy:
    """The year's policy: what the authority set, else the defaults."""
    return load_policy(session, year, MrvPolicyModel, MrvPolicyModel.default).to_domain(year)


def policy_cache(session: Session) -> PolicyCache:
    """The MRV policies of the years one transaction touches, each loaded once."""
    return PolicyCache(session, load_mrv_policy)
