"""The yearly evaluation of each agency's verification work (V, "after": 考评, 考核记分, 考评等级, 黑名单).

Rules that live here:
- V: after each year's work every selected agency is evaluated; it starts at 100 points and deductions accumulate
  under the year's scoring table, drawing on on-site inspections and determination (re-check) results; the score
  is floored at 0;
- V: grades 优良 EXCELLENT (score >= excellent_min, 90), 合格 PASS (>= pass_min, 60), 不合格 FAIL (below 60);
- V: a FAIL puts the agency on the blacklist for `blacklist_years` (5): no verification tasks (years: eligibility);
- an evaluation is finalised once; any change after that is a Conflict;
- practice of other pilots (Guangdong, seed 000), NOT a Shanghai rule: failing in consecutive years (2) raises a
  suspension flag for the authority to act on (agencies.suspend_agency); publishing the excellent agencies yearly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from ets_shared.errors import Conflict, RuleViolation

from .agencies import BlacklistEntry, TenderAward
from .eligibility import blacklist_years_covered
from .policy import STARTING_SCORE, OversightPolicy


class Grade(StrEnum):
    EXCELLENT = "EXCELLENT"  # 优良
    PASS = "PASS"  # 合格
    FAIL = "FAIL"  # 不合格


class DeductionSource(StrEnum):
    INSPECTION = "inspection"
    DETERMINATION = "determination"
    OTHER = "other"


@dataclass(frozen=True)
class Deduction:
    deduction_id: str
    code: str
    points: int
    reason: str
    source: DeductionSource
    reference: str | None = None  # e.g. the inspection id or the determination id it comes from


@dataclass(frozen=True)
class Evaluation:
    agency_id: str
    year: int
    deductions: tuple[Deduction, ...] = ()
    finalised_at: datetime | None = None
    final_score: int | None = None  # set on finalisation
    grade: Grade | None = None  # set on finalisation

    @property
    def score(self) -> int:
        return score_of(self.deductions)


def score_of(deductions: Iterable[Deduction]) -> int:
    """100 minus all deductions, never below 0."""
    return max(0, STARTING_SCORE - sum(d.points for d in deductions))


def grade_for(score: int, policy: OversightPolicy) -> Grade:
    if score >= policy.excellent_min:
        return Grade.EXCELLENT
    if score >= policy.pass_min:
        return Grade.PASS
    return Grade.FAIL


def open_evaluation(agency_id: str, year: int, awards: Iterable[TenderAward],
                    evaluations: Iterable[Evaluation]) -> Evaluation:
    """One evaluation per agency selected for `year`."""
    if not any(a.agency_id == agency_id and a.year == year for a in awards):
        raise RuleViolation(f"agency {agency_id} was not selected for {year}: nothing to evaluate",
                            field="agency_id", article="V")
    if any(e.agency_id == agency_id and e.year == year for e in evaluations):
        raise Conflict(f"agency {agency_id} already has an evaluation for {year}", field="agency_id", article="V")
    return Evaluation(agency_id, year)


def _require_open(evaluation: Evaluation) -> None:
    if evaluation.finalised_at is not None:
        raise Conflict(f"evaluation of {evaluation.agency_id} for {evaluation.year} is final", article="V")


def add_deduction(evaluation: Evaluation, deduction_id: str, code: str, source: str, reason: str,
                  policy: OversightPolicy, reference: str | None = None) -> Evaluation:
    """Deduct the scoring table's points for `code`. Points come from the table only."""
    _require_open(evaluation)
    if policy.year != evaluation.year:
        raise ValueError(f"policy of {policy.year} used for the evaluation of {evaluation.year}")
    points = policy.deduction_points(code)
    try:
        src = DeductionSource(source)
    except ValueError:
        raise RuleViolation(f"source must be one of {[s.value for s in DeductionSource]}",
                            field="source", article="V") from None
    if not reason.strip():
        raise RuleViolation("a deduction needs a reason", field="reason", article="V")
    if any(d.deduction_id == deduction_id for d in evaluation.deductions):
        raise Conflict(f"deduction {deduction_id} already recorded", field="deduction_id", article="V")
    deduction = Deduction(deduction_id, code, points, reason.strip(), src, reference)
    return replace(evaluation, deductions=evaluation.deductions + (deduction,))


def withdraw_deduction(evaluation: Evaluation, deduction_id: str) -> Evaluation:
    """Correct a mistaken deduction before finalisation."""
    _require_open(evaluation)
    kept = tuple(d for d in evaluation.deductions if d.deduction_id != deduction_id)
    if len(kept) == len(evaluation.deductions):
        raise RuleViolation(f"no deduction {deduction_id}", field="deduction_id", article="V")
    return replace(evaluation, deductions=kept)


def finalise(evaluation: Evaluation, at: datetime,
             policy: OversightPolicy) -> tuple[Evaluation, BlacklistEntry | None]:
    """Fix score and grade; a FAIL also yields the blacklist entry (evaluated year +1 .. +blacklist_years)."""
    _require_open(evaluation)
    if policy.year != evaluation.year:
        raise ValueError(f"policy of {policy.year} used for the evaluation of {evaluation.year}")
    score = evaluation.score
    grade = grade_for(score, policy)
    final = replace(evaluation, finalised_at=at, final_score=score, grade=grade)
    if grade is not Grade.FAIL:
        return final, None
    from_year, to_year = blacklist_years_covered(evaluation.year, policy)
    reason = f"evaluation of {evaluation.year}: score {score} below pass mark {policy.pass_min} (不合格)"
    return final, BlacklistEntry(evaluation.agency_id, evaluation.year, from_year, to_year, reason)


def suspension_flag(agency_id: str, year: int, evaluations: Iterable[Evaluation], policy: OversightPolicy) -> bool:
    """Practice (seed 000, Guangdong): FAIL in `year` and each of the preceding years up to the policy's count."""
    fails = {e.year for e in evaluations if e.agency_id == agency_id and e.grade is Grade.FAIL}
    return all(y in fails for y in range(year - policy.consecutive_fails_for_suspension + 1, year + 1))


def excellent_agencies(evaluations: Iterable[Evaluation], year: int) -> list[str]:
    """Practice (seed 000): the finalised EXCELLENT agencies of `year`, for yearly publication."""
    return sorted(e.agency_id for e in evaluations if e.year == year and e.grade is Grade.EXCELLENT)
