"""The per-year oversight policy as a document (GET/PUT /policy/{year}): a pydantic mirror of
`domain.policy.OversightPolicy`. The authority sets it per compliance year; until then the defaults of
regulation.md §9 apply (exam pass mark 60, grades 90/60, blacklist 5 years, 10% random + at least 1, 2 experts,
and the platform's default scoring table)."""
from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session

from ets_shared.http.platform_routes import load_policy
from verifier_oversight.domain.policy import DEFAULT_SCORING_TABLE, OversightPolicy

_DEFAULTS = OversightPolicy(year=2013)


class ScoringItem(BaseModel):
    points: int = Field(gt=0, description="Points deducted per occurrence")
    description: str = Field(min_length=1)


class OversightPolicyDocument(BaseModel):
    """Oversight parameters of one compliance year (V, regulation.md §9 [param]s); omitted ones take the defaults."""

    exam_pass_mark: int = Field(default=_DEFAULTS.exam_pass_mark,
                                description="Training exam score (of 100) needed for the work certificate")
    excellent_min: int = Field(default=_DEFAULTS.excellent_min, description="Lowest score graded 优良 EXCELLENT")
    pass_min: int = Field(default=_DEFAULTS.pass_min,
                          description="Lowest score graded 合格 PASS; below it 不合格 FAIL and the blacklist")
    blacklist_years: int = Field(default=_DEFAULTS.blacklist_years,
                                 description="Following compliance years barred after a FAIL")
    random_ratio: Decimal = Field(default=_DEFAULTS.random_ratio,
                                  description="Share of the non-targeted population drawn at random")
    random_minimum: int = Field(default=_DEFAULTS.random_minimum,
                                description="At least this many drawn at random when any remain")
    experts_per_inspection_min: int = Field(default=_DEFAULTS.experts_per_inspection_min,
                                            description="Distinct panel experts an on-site inspection needs")
    consecutive_fails_for_suspension: int = Field(
        default=_DEFAULTS.consecutive_fails_for_suspension,
        description="Practice of other pilots: consecutive FAIL years that recommend suspension")
    scoring_table: dict[str, ScoringItem] = Field(
        default_factory=lambda: {code: ScoringItem(points=p, description=d)
                                 for code, (p, d) in DEFAULT_SCORING_TABLE.items()},
        description="考核记分细则: deduction code -> points per occurrence and description")

    @model_validator(mode="after")
    def _consistent(self) -> "OversightPolicyDocument":
        self.for_year(2013)  # the domain's checks raise RuleViolation naming the parameter (422)
        return self

    def for_year(self, year: int) -> OversightPolicy:
        values = self.model_dump(exclude={"scoring_table"})
        table = {code: (item.points, item.description) for code, item in self.scoring_table.items()}
        return OversightPolicy(year=year, scoring_table=table, **values)


def default_policy(year: int) -> OversightPolicyDocument:
    """The defaults of regulation.md §9 (the same for every year until the authority sets one)."""
    return OversightPolicyDocument()


def policy_for(session: Session, year: int) -> OversightPolicy:
    """The domain policy in force for `year`: the authority's document, or the defaults."""
    return load_policy(session, year, OversightPolicyDocument, default_policy).for_year(year)
