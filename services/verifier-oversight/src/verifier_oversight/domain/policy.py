"""The per-year oversight policy: every number of the verifier-oversight rules (V) that the texts leave open.

Rules that live here (all **[param]** of regulation.md section 9, set per compliance year by the authority):
- training exam pass mark for the verification work certificate (核查工作证): default 60 of 100;
- evaluation grade thresholds: 优良 EXCELLENT >= 90, 合格 PASS >= 60, 不合格 FAIL below 60 ("以上" includes the number);
- blacklist length after a FAIL: 5 years (seed 000: 五年内不再安排核查任务);
- on-site inspection sampling: 10% random, at least 1, plus every targeted entity; at least 2 experts;
- the scoring table (考核记分细则): deduction items code -> (points, description).

The scoring table below is a DEFAULT written for this platform: the 2021 rules' annex table is not among the
source texts, so the codes and points are illustrative until the authority loads the real table for a year.
The consecutive-fail suspension count is other pilots' practice (Guangdong, seed 000), not a Shanghai rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from ets_shared.errors import RuleViolation

STARTING_SCORE = 100  # fixed by the text (每个机构初始总分共100分), not a parameter
EXAM_MAX_SCORE = 100

RECHECK_CORRECTED = "RECHECK_CORRECTED"
LATE_REPORT = "LATE_REPORT"
INSPECTION_MAJOR = "INSPECTION_MAJOR"
INSPECTION_MINOR = "INSPECTION_MINOR"
CONFIDENTIALITY_BREACH = "CONFIDENTIALITY_BREACH"
FALSE_REPORT = "FALSE_REPORT"
NONSTANDARD_REPORT = "NONSTANDARD_REPORT"
UNCERTIFIED_SIGNATORY = "UNCERTIFIED_SIGNATORY"

# Defaults, not the authority's annex: code -> (points deducted per occurrence, description).
DEFAULT_SCORING_TABLE: Mapping[str, tuple[int, str]] = MappingProxyType({
    RECHECK_CORRECTED: (10, "verified emissions corrected by the authority in re-check/determination (复查审定, M-15)"),
    LATE_REPORT: (5, "verification report submitted after the deadline (30 April, M-13)"),
    INSPECTION_MAJOR: (10, "major finding in an on-site inspection (现场检查重大问题)"),
    INSPECTION_MINOR: (2, "minor finding in an on-site inspection (现场检查一般问题)"),
    CONFIDENTIALITY_BREACH: (40, "unauthorised use or disclosure of the entity's data (M-13 para 3, M-41(3))"),
    FALSE_REPORT: (41, "false or untrue verification report (M-41(1)): fails the agency on its own"),
    NONSTANDARD_REPORT: (2, "verification report not in the required form (规范性, M-13 para 3)"),
    UNCERTIFIED_SIGNATORY: (10, "verification work signed by a person without a valid work certificate"),
})


@dataclass(frozen=True)
class OversightPolicy:
    """The oversight parameters of one compliance year. Construct with only `year` to get the defaults."""

    year: int
    exam_pass_mark: int = 60
    excellent_min: int = 90
    pass_min: int = 60
    blacklist_years: int = 5
    random_ratio: Decimal = Decimal("0.10")
    random_minimum: int = 1
    experts_per_inspection_min: int = 2
    consecutive_fails_for_suspension: int = 2  # practice of other pilots (seed 000), only raises a flag
    scoring_table: Mapping[str, tuple[int, str]] = field(default_factory=lambda: DEFAULT_SCORING_TABLE)

    def __post_init__(self) -> None:
        # a float ratio (0.1) would carry binary error into ceil(); keep the exact decimal it was written as
        object.__setattr__(self, "random_ratio", Decimal(str(self.random_ratio)))
        if not 0 <= self.exam_pass_mark <= EXAM_MAX_SCORE:
            raise RuleViolation(f"exam pass mark must be 0..{EXAM_MAX_SCORE}", field="exam_pass_mark", article="V")
        if not 0 < self.pass_min <= self.excellent_min <= STARTING_SCORE:
            raise RuleViolation(
                f"grade thresholds must satisfy 0 < pass_min <= excellent_min <= {STARTING_SCORE}",
                field="pass_min", article="V",
            )
        if self.blacklist_years < 1:
            raise RuleViolation("blacklist lasts at least 1 year", field="blacklist_years", article="V")
        if not Decimal(0) <= self.random_ratio <= Decimal(1):
            raise RuleViolation("random sampling ratio must be between 0 and 1", field="random_ratio", article="V")
        if self.random_minimum < 0:
            raise RuleViolation("random minimum cannot be negative", field="random_minimum", article="V")
        if self.experts_per_inspection_min < 1:
            raise RuleViolation("an inspection needs at least 1 expert", field="experts_per_inspection_min",
                                article="V")
        if self.consecutive_fails_for_suspension < 1:
            raise RuleViolation("must be at least 1", field="consecutive_fails_for_suspension", article="V")
        for code, item in self.scoring_table.items():
            points, description = item
            if not code or points <= 0 or not description:
                raise RuleViolation(f"scoring item {code!r} needs a code, positive points and a description",
                                    field="scoring_table", article="V")

    def deduction_points(self, code: str) -> int:
        """Points the scoring table deducts for `code`; RuleViolation(field="code") if the table has no such item."""
        try:
            return self.scoring_table[code][0]
        except KeyError:
            raise RuleViolation(f"no scoring item {code!r} in the {self.year} scoring table",
                                field="code", article="V") from None
