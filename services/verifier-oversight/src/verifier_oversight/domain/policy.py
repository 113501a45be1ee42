"""The per-year oversight policy: every number of the verifier-oversight rules (V, M-13 ¶1) the texts leave open.

Rules that live here (all **[param]** of docs/rules.md §9 (V), set per compliance year by the authority at
GET/PUT /policy/{year}; the scoring table is versioned on its own, see `scoring`):
- training exam pass mark for the verification work certificate (核查工作证): default 60 of 100;
- evaluation grade thresholds: 优良 EXCELLENT >= 90, 合格 PASS >= 60, 不合格 FAIL below 60 ("以上" includes the number);
- blacklist length after a FAIL: 5 years (seed 000: 五年内不再安排核查任务); 0 turns the blacklist off (the regime of
  other pilots, where only consecutive failures suspend);
- consecutive FAIL years that suspend an agency (seed 000, Guangdong's practice: 连续两年不合格暂停核查资质): 2; None
  switches it off. While a FAIL blacklists for the next years an agency cannot fail twice in a row, so the rule
  acts only under blacklist_years = 0;
- on-site inspection sampling: 10% random, at least 1, plus every targeted entity; at least 2 experts;
- assignment conflicts of interest (M-13 ¶1 read with V): an agency verifies one entity at most 3 consecutive years;
  an agency that advised the entity in the 3 years before the compliance year, during it, or in the verification
  year after it, may not verify it;
- materiality: a determination that moves the reported figure by 5% or more while the verification had agreed with
  the report within 5% is a material misstatement the agency missed;
- the evaluation of year Y may be finalised from 1 June of Y+1 (the 30 April verification deadline of M-13 plus the
  30 days of M-15 for the determinations), and only once every engagement of Y is over.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ets_shared.errors import RuleViolation

STARTING_SCORE = 100  # fixed by the text (每个机构初始总分共100分), not a parameter
EXAM_MAX_SCORE = 100


@dataclass(frozen=True)
class OversightPolicy:
    """The oversight parameters of one compliance year. Construct with only `year` to get the defaults."""

    year: int
    exam_pass_mark: int = 60
    excellent_min: int = 90
    pass_min: int = 60
    blacklist_years: int = 5
    consecutive_fails_for_suspension: int | None = 2
    random_ratio: Decimal = Decimal("0.10")
    random_minimum: int = 1
    experts_per_inspection_min: int = 2
    max_consecutive_years: int = 3
    advisory_cooling_off_years: int = 3
    materiality_ratio: Decimal = Decimal("0.05")
    evaluation_opens_on: date | None = None  # default 1 June of year + 1

    def __post_init__(self) -> None:
        # a float ratio (0.1) would carry binary error into ceil(); keep the exact decimal it was written as
        object.__setattr__(self, "random_ratio", Decimal(str(self.random_ratio)))
        object.__setattr__(self, "materiality_ratio", Decimal(str(self.materiality_ratio)))
        if self.evaluation_opens_on is None:
            object.__setattr__(self, "evaluation_opens_on", date(self.year + 1, 6, 1))

        def bad(detail: str, field: str) -> RuleViolation:
            return RuleViolation(detail, field=field, article="V")

        if not 0 <= self.exam_pass_mark <= EXAM_MAX_SCORE:
            raise bad(f"exam pass mark must be 0..{EXAM_MAX_SCORE}", "exam_pass_mark")
        if not 0 < self.pass_min <= self.excellent_min <= STARTING_SCORE:
            raise bad(f"grade thresholds must satisfy 0 < pass_min <= excellent_min <= {STARTING_SCORE}",
                      "pass_min")
        if not 0 <= self.blacklist_years <= 20:
            raise bad("the blacklist lasts 0..20 years (0: no blacklist)", "blacklist_years")
        if self.consecutive_fails_for_suspension is not None and not 1 <= self.consecutive_fails_for_suspension <= 10:
            raise bad("must be 1..10, or null to switch the practice off", "consecutive_fails_for_suspension")
        if not Decimal(0) <= self.random_ratio <= Decimal(1):
            raise bad("random sampling ratio must be between 0 and 1", "random_ratio")
        if not 0 <= self.random_minimum <= 10_000:
            raise bad("random minimum must be 0..10000", "random_minimum")
        if not 1 <= self.experts_per_inspection_min <= 20:
            raise bad("an inspection needs 1..20 experts", "experts_per_inspection_min")
        if not 1 <= self.max_consecutive_years <= 20:
            raise bad("consecutive years with one entity must be 1..20", "max_consecutive_years")
        if not 0 <= self.advisory_cooling_off_years <= 20:
            raise bad("advisory cooling-off must be 0..20 years", "advisory_cooling_off_years")
        if not Decimal(0) < self.materiality_ratio <= Decimal(1):
            raise bad("materiality must be above 0 and at most 1", "materiality_ratio")
        if self.evaluation_opens_on is not None and self.evaluation_opens_on <= date(self.year, 12, 31):
            raise bad("the evaluation cannot open before the year's verification work (the next year)",
                      "evaluation_opens_on")
