"""The yearly evaluation of each agency's verification work (V, "after": 考评, 考核记分, 考评方法, 考评等级, 黑名单).

Rules that live here:
- V: each agency that worked in year Y is evaluated on its Y work; it starts at 100 points and deductions accumulate
  under the year's scoring table (`scoring`): items' points, each item's total at most its cap; the score is
  floored at 0;
- every deduction carries its evidence; the agency may contest it once, and the authority reviews the contest
  (upheld, or withdrawn with the reason); the authority may also withdraw a mistaken one. A withdrawn deduction stays
  on record and counts nothing;
- all open deductions of a year follow the table in force: adopting a new version re-prices them (`reprice`); an
  item the table omits is recorded with 0 points and the reason (`Deduction.unscored`);
- V: grades 优良 EXCELLENT (score >= excellent_min, 90), 合格 PASS (>= pass_min, 60), 不合格 FAIL (below 60);
- the evaluation of Y is final only as a whole (`finalise_year`): after the year's verification work is over (from
  `evaluation_opens_on`, every engagement closed), with no contest awaiting review, covering every agency that worked
  in Y; it ranks the agencies (equal scores share a rank) and a FAIL puts the agency on the blacklist for
  `blacklist_years` (Y+1..Y+5 by default: eligibility.blacklist_years_covered);
- practice of other pilots (Guangdong, seed 000): an agency failing the configured number of consecutive years is
  suspended (`suspension_due`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ets_shared.errors import Conflict, RuleViolation

from .agencies import BlacklistEntry
from .assignments import Engagement
from .eligibility import blacklist_years_covered
from .policy import STARTING_SCORE, OversightPolicy
from .scoring import ScoringTable


class Grade(StrEnum):
    EXCELLENT = "EXCELLENT"  # 优良
    PASS = "PASS"  # 合格
    FAIL = "FAIL"  # 不合格


@dataclass(frozen=True)
class Outcome:
    """A finalised evaluation's result."""

    score: int
    grade: Grade
    rank: int


class DeductionSource(StrEnum):
    EVENT = "event"  # automatic, from mrv's events
    INSPECTION = "inspection"  # a finding of an on-site inspection or spot check
    OFFICER = "officer"  # an officer's finding outside an inspection


class DeductionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CONTESTED = "CONTESTED"  # the agency contests it; awaiting the authority's review
    UPHELD = "UPHELD"  # contest reviewed: it stands
    WITHDRAWN = "WITHDRAWN"  # contest reviewed in the agency's favour, or withdrawn by the authority


@dataclass(frozen=True)
class Deduction:
    deduction_id: str
    agency_id: str
    year: int
    code: str
    points: int
    reason: str
    source: DeductionSource
    evidence: tuple[str, ...]
    recorded_at: datetime
    table_version: int
    reference: str | None = None  # the inspection, determination or verification it comes from
    entity_id: str | None = None
    measure: Decimal | None = None  # the correction ratio of a banded item
    unscored: str | None = None  # why it carries no points (the table lacks its item)
    status: DeductionStatus = DeductionStatus.ACTIVE
    contest_grounds: str | None = None
    contested_at: datetime | None = None
    review_reason: str | None = None
    reviewed_at: datetime | None = None

    @property
    def counts(self) -> bool:
        return self.status is not DeductionStatus.WITHDRAWN


@dataclass(frozen=True)
class Evaluation:
    agency_id: str
    year: int
    deductions: tuple[Deduction, ...] = ()
    finalised_at: datetime | None = None
    final_score: int | None = None
    grade: Grade | None = None
    rank: int | None = None
    table_version: int | None = None  # the table it was finalised under

    @property
    def outcome(self) -> Outcome:
        if self.final_score is None or self.grade is None or self.rank is None:
            raise Conflict(f"the {self.year} evaluation of {self.agency_id} is not final", field="compliance_year",
                           article="V")
        return Outcome(self.final_score, self.grade, self.rank)

    def deduction(self, deduction_id: str) -> Deduction:
        found = next((d for d in self.deductions if d.deduction_id == deduction_id), None)
        if found is None:
            raise RuleViolation(f"no deduction {deduction_id} in the {self.year} evaluation of {self.agency_id}",
                                field="deduction_id", article="V")
        return found


def priced(deduction: Deduction, table: ScoringTable) -> Deduction:
    """The deduction's points under `table`; 0 with the reason when the table has no such item."""
    item = table.item(deduction.code)
    if item is None:
        return replace(deduction, points=0, table_version=table.version,
                       unscored=f"the {table.year} scoring table (version {table.version}) has no item "
                                f"{deduction.code}: recorded without points")
    return replace(deduction, points=item.points_for(deduction.measure), unscored=None, table_version=table.version)


def make_deduction(deduction_id: str, agency_id: str, year: int, code: str, reason: str, source: DeductionSource,
                   evidence: Iterable[str], at: datetime, table: ScoringTable, *, reference: str | None = None,
                   entity_id: str | None = None, measure: Decimal | None = None) -> Deduction:
    if not reason.strip():
        raise RuleViolation("a deduction states its reason", field="reason", article="V")
    proof = tuple(e.strip() for e in evidence)
    if not proof or any(not e for e in proof):
        raise RuleViolation("a deduction carries its evidence, none blank", field="evidence", article="V")
    return priced(Deduction(deduction_id, agency_id, year, code, 0, reason.strip(), source, proof, at, table.version,
                            reference, entity_id, measure), table)


def item_totals(deductions: Iterable[Deduction], table: ScoringTable) -> dict[str, tuple[int, int]]:
    """code -> (points recorded, points counted after the item's cap)."""
    raw: dict[str, int] = {}
    for d in deductions:
        if d.counts:
            raw[d.code] = raw.get(d.code, 0) + d.points
    out = {}
    for code, total in raw.items():
        item = table.item(code)
        cap = item.cap if item is not None else None
        out[code] = (total, total if cap is None else min(total, cap))
    return out


def score_of(deductions: Iterable[Deduction], table: ScoringTable) -> int:
    """100 minus every item's capped total, never below 0."""
    return max(0, STARTING_SCORE - sum(counted for _, counted in item_totals(deductions, table).values()))


def grade_for(score: int, policy: OversightPolicy) -> Grade:
    if score >= policy.excellent_min:
        return Grade.EXCELLENT
    if score >= policy.pass_min:
        return Grade.PASS
    return Grade.FAIL


def _require_open(evaluation: Evaluation) -> None:
    if evaluation.finalised_at is not None:
        raise Conflict(f"the {evaluation.year} evaluation of {evaluation.agency_id} is final", article="V")


def _with(evaluation: Evaluation, changed: Deduction) -> Evaluation:
    return replace(evaluation, deductions=tuple(changed if d.deduction_id == changed.deduction_id else d
                                                for d in evaluation.deductions))


def add_deduction(evaluation: Evaluation, deduction: Deduction) -> Evaluation:
    _require_open(evaluation)
    if any(d.deduction_id == deduction.deduction_id for d in evaluation.deductions):
        raise Conflict(f"deduction {deduction.deduction_id} already recorded", field="deduction_id", article="V")
    return replace(evaluation, deductions=evaluation.deductions + (deduction,))


def restate(evaluation: Evaluation, deduction: Deduction) -> Evaluation:
    """An automatic deduction of the same occurrence, restated from newer facts (a later determination revision):
    its measure, points, reason and evidence change; its contest status stays."""
    _require_open(evaluation)
    old = evaluation.deduction(deduction.deduction_id)
    return _with(evaluation, replace(deduction, status=old.status, contest_grounds=old.contest_grounds,
                                     contested_at=old.contested_at, review_reason=old.review_reason,
                                     reviewed_at=old.reviewed_at, recorded_at=old.recorded_at))


def contest(evaluation: Evaluation, deduction_id: str, grounds: str, at: datetime) -> Evaluation:
    _require_open(evaluation)
    d = evaluation.deduction(deduction_id)
    if d.status is not DeductionStatus.ACTIVE:
        raise Conflict(f"deduction {deduction_id} is {d.status.value}: only an active one can be contested",
                       field="deduction_id", article="V")
    if not grounds.strip():
        raise RuleViolation("a contest states its grounds", field="grounds", article="V")
    return _with(evaluation, replace(d, status=DeductionStatus.CONTESTED, contest_grounds=grounds.strip(),
                                     contested_at=at))


def review(evaluation: Evaluation, deduction_id: str, uphold: bool, reason: str, at: datetime) -> Evaluation:
    _require_open(evaluation)
    d = evaluation.deduction(deduction_id)
    if d.status is not DeductionStatus.CONTESTED:
        raise Conflict(f"deduction {deduction_id} is {d.status.value}, not contested", field="deduction_id",
                       article="V")
    if not reason.strip():
        raise RuleViolation("a review states its reason", field="reason", article="V")
    status = DeductionStatus.UPHELD if uphold else DeductionStatus.WITHDRAWN
    return _with(evaluation, replace(d, status=status, review_reason=reason.strip(), reviewed_at=at))


def withdraw(evaluation: Evaluation, deduction_id: str, reason: str, at: datetime) -> Evaluation:
    """The authority withdraws a deduction (a contested one is reviewed instead)."""
    _require_open(evaluation)
    d = evaluation.deduction(deduction_id)
    if d.status in (DeductionStatus.WITHDRAWN, DeductionStatus.CONTESTED):
        action = "review the contest instead" if d.status is DeductionStatus.CONTESTED else "already withdrawn"
        raise Conflict(f"deduction {deduction_id} is {d.status.value}: {action}", field="deduction_id", article="V")
    if not reason.strip():
        raise RuleViolation("a withdrawal states its reason", field="reason", article="V")
    return _with(evaluation, replace(d, status=DeductionStatus.WITHDRAWN, review_reason=reason.strip(),
                                     reviewed_at=at))


def reprice(evaluation: Evaluation, table: ScoringTable) -> Evaluation:
    _require_open(evaluation)
    return replace(evaluation, deductions=tuple(priced(d, table) for d in evaluation.deductions))


def finalisation_bars(year: int, today: date, policy: OversightPolicy, engagements: Sequence[Engagement],
                      evaluations: Sequence[Evaluation]) -> list[str]:
    """Why the year's evaluation cannot be finalised yet (empty: it can)."""
    bars = []
    assert policy.evaluation_opens_on is not None
    if today < policy.evaluation_opens_on:
        bars.append(f"the {year} verification work is not over: the evaluation opens on {policy.evaluation_opens_on}")
    still_open = sorted(e.entity_id for e in engagements if e.open)
    if still_open:
        shown = ", ".join(still_open[:10]) + (" ..." if len(still_open) > 10 else "")
        bars.append(f"{len(still_open)} engagements of {year} are still open (verification or re-check): {shown}")
    contested = sorted(d.deduction_id for e in evaluations for d in e.deductions
                       if d.status is DeductionStatus.CONTESTED)
    if contested:
        bars.append(f"contested deductions await review: {', '.join(contested[:10])}")
    if not evaluations:
        bars.append(f"no agency worked in {year}: nothing to evaluate")
    return bars


def finalise_year(evaluations: Sequence[Evaluation], at: datetime, policy: OversightPolicy,
                  table: ScoringTable) -> tuple[list[Evaluation], list[BlacklistEntry]]:
    """Score, grade and rank every agency that worked in the year at once; a FAIL yields a blacklist entry."""
    for e in evaluations:
        _require_open(e)
    scored = [(score_of(e.deductions, table), e) for e in evaluations]
    scored.sort(key=lambda pair: (-pair[0], pair[1].agency_id))
    final, entries, rank, previous = [], [], 0, None
    for position, (score, e) in enumerate(scored, start=1):
        rank = rank if score == previous else position
        previous = score
        grade = grade_for(score, policy)
        final.append(replace(e, finalised_at=at, final_score=score, grade=grade, rank=rank,
                             table_version=table.version))
        if grade is Grade.FAIL and policy.blacklist_years > 0:
            from_year, to_year = blacklist_years_covered(e.year, policy)
            entries.append(BlacklistEntry(e.agency_id, e.year, from_year, to_year,
                                          f"evaluation of {e.year}: score {score} below the pass mark "
                                          f"{policy.pass_min} (不合格)"))
    return final, entries


def suspension_due(year: int, fail_years: Iterable[int], policy: OversightPolicy) -> bool:
    """Practice (seed 000, Guangdong): FAIL in `year` and each of the preceding years up to the policy's count."""
    count = policy.consecutive_fails_for_suspension
    if count is None:
        return False
    fails = set(fail_years)
    return all(y in fails for y in range(year - count + 1, year + 1))
