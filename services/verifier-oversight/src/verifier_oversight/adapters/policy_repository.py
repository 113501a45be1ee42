"""The per-year oversight policy as a document (GET/PUT /policy/{year}): a pydantic mirror of
`domain.policy.OversightPolicy`. The authority sets it per compliance year; until then the defaults of
docs/policy-parameters.md#verifier-oversight apply (exam pass mark 60, grades 90/60, blacklist 5 years, 10% random +
at least 1, 2 experts, 3 consecutive years per entity, 3 years' advisory cooling-off, 5% materiality, evaluation from
1 June of the next year). The scoring table is versioned on its own: GET/PUT /scoring-tables/{year}."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.orm import Session

from ets_shared.bounds import DecimalString
from ets_shared.persistence.policy import load_domain_policy
from verifier_oversight.domain.policy import OversightPolicy

_DEFAULTS = OversightPolicy(year=2013)


class OversightPolicyDocument(BaseModel):
    """Oversight parameters of one compliance year (V, docs/rules.md §9;
    docs/policy-parameters.md#verifier-oversight); omitted ones take the defaults."""

    model_config = ConfigDict(extra="forbid")

    exam_pass_mark: int = Field(default=_DEFAULTS.exam_pass_mark,
                                description="Training exam score (of 100) needed for the work certificate")
    excellent_min: int = Field(default=_DEFAULTS.excellent_min, description="Lowest score graded 优良 EXCELLENT")
    pass_min: int = Field(default=_DEFAULTS.pass_min,
                          description="Lowest score graded 合格 PASS; below it 不合格 FAIL and the blacklist")
    blacklist_years: int = Field(default=_DEFAULTS.blacklist_years,
                                 description="Following compliance years barred after a FAIL (0: no blacklist)")
    consecutive_fails_for_suspension: int | None = Field(
        default=_DEFAULTS.consecutive_fails_for_suspension,
        description="Practice of other pilots (seed 000): consecutive FAIL years that suspend the agency; null: off")
    random_ratio: DecimalString = Field(default=_DEFAULTS.random_ratio, allow_inf_nan=False,
                                  description="Share of an agency's non-targeted engagements drawn at random")
    random_minimum: int = Field(default=_DEFAULTS.random_minimum,
                                description="At least this many drawn at random when any remain")
    experts_per_inspection_min: int = Field(default=_DEFAULTS.experts_per_inspection_min,
                                            description="Panel experts an inspection needs, none conflicted")
    max_consecutive_years: int = Field(default=_DEFAULTS.max_consecutive_years,
                                       description="Consecutive years one agency may verify one entity")
    advisory_cooling_off_years: int = Field(
        default=_DEFAULTS.advisory_cooling_off_years,
        description="Years before the compliance year in which advising the entity bars verifying it")
    materiality_ratio: DecimalString = Field(default=_DEFAULTS.materiality_ratio, allow_inf_nan=False,
                                       description="Misstatement share of the determined figure that is material")
    evaluation_opens_on: date | None = Field(
        default=None, description="First day the year's evaluation may be finalised (null: 1 June of the next year)")

    @model_validator(mode="after")
    def _consistent(self) -> "OversightPolicyDocument":
        self.for_year(2013 if self.evaluation_opens_on is None else self.evaluation_opens_on.year - 1)
        return self

    def for_year(self, year: int) -> OversightPolicy:
        return OversightPolicy(year=year, **self.model_dump())


def default_policy(year: int) -> OversightPolicyDocument:
    """The defaults of docs/policy-parameters.md#verifier-oversight (the same for every year until the authority
    sets one)."""
    return OversightPolicyDocument()


def policy_for(session: Session, year: int) -> OversightPolicy:
    """The domain policy in force for `year`: the authority's document, or the defaults; made once per session (a
    consumed batch of determinations asks for it once per event)."""
    return load_domain_policy(session, year, OversightPolicyDocument, default_policy, OversightPolicyDocument.for_year)


def check_policy(uow: object, year: int, document: OversightPolicyDocument) -> None:
    """PUT /policy/{year}, in its transaction: the document must hold for that year (e.g. the evaluation cannot
    open before the year's verification work); a RuleViolation names the parameter and nothing is stored."""
    document.for_year(year)
