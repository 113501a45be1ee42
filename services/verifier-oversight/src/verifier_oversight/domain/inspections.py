"""On-site inspections and spot checks by the evaluation panel (V, "during": 现场检查, 不定期抽查,
随机抽取与重点选取相结合).

Rules that live here:
- V: the entities at which an agency's work is inspected are chosen by random sampling combined with targeted
  selection, from the agency's actual engagements of the year (its assignments; never a list the caller sends):
  every targeted engagement, each with its reason, plus ceil(random_ratio x the remaining engagements) drawn at
  random, at least `random_minimum` when any remain (never more than remain). The draw is reproducible: a
  `random.Random(seed)` over the sorted population, so the recorded seed and population re-create it;
- an on-site inspection is at an entity the draw selected; a spot check (抽查) at any engagement of the agency,
  with its reason; both by a team of the year's panel (`panel.inspection_team`);
- the on-site record: checklist items (each compliant / non-compliant / not applicable), findings (each an item of
  the year's scoring table of kind FINDING, described, with evidence), the written record and the signatures of
  every team member. The record is complete when the last member signs; only then do its findings become
  deductions (one per finding, id "<inspection_id>-F<n>").
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ets_shared.errors import Conflict, RuleViolation

from .evaluation import Deduction, DeductionSource, make_deduction
from .policy import OversightPolicy
from .scoring import ScoringTable


@dataclass(frozen=True)
class Targeted:
    entity_id: str
    reason: str


@dataclass(frozen=True)
class InspectionDraw:
    agency_id: str
    seed: int
    population_ids: tuple[str, ...]  # the agency's engagements when drawn, sorted
    targeted: tuple[Targeted, ...]
    random_ids: tuple[str, ...]

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(sorted({t.entity_id for t in self.targeted} | set(self.random_ids)))


class InspectionKind(StrEnum):
    ON_SITE = "on_site"  # 现场检查, at an entity the draw selected
    SPOT_CHECK = "spot_check"  # 不定期抽查, at any engagement, with a reason


class CheckResult(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ChecklistItem:
    item: str
    result: CheckResult
    note: str = ""


@dataclass(frozen=True)
class Finding:
    code: str  # a FINDING item of the year's scoring table
    description: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    member_id: str
    signed_at: datetime


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    kind: InspectionKind
    agency_id: str
    entity_id: str
    year: int
    inspected_on: date
    team: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...]
    findings: tuple[Finding, ...]
    record: str
    draw_id: str | None = None
    reason: str | None = None  # why a spot check
    signatures: tuple[Signature, ...] = ()
    completed_at: datetime | None = None


def random_sample_size(remaining: int, policy: OversightPolicy) -> int:
    """ceil(ratio x remaining), at least random_minimum when any remain, at most remaining."""
    if remaining <= 0:
        return 0
    wanted = max(math.ceil(Decimal(policy.random_ratio) * remaining), policy.random_minimum)
    return min(wanted, remaining)


def draw_inspection_sample(agency_id: str, engagements: Iterable[str], targeted: Sequence[Targeted], seed: int,
                           policy: OversightPolicy) -> InspectionDraw:
    population = tuple(sorted(set(engagements)))
    known = set(population)
    chosen: dict[str, Targeted] = {}
    for i, t in enumerate(targeted):
        if t.entity_id not in known:
            raise RuleViolation(f"{t.entity_id} is not an engagement of {agency_id} in {policy.year}",
                                field=f"targeted[{i}].entity_id", article="V")
        if not t.reason.strip():
            raise RuleViolation("a targeted selection (重点选取) states its reason", field=f"targeted[{i}].reason",
                                article="V")
        if t.entity_id in chosen:
            raise RuleViolation(f"{t.entity_id} is targeted twice", field=f"targeted[{i}].entity_id", article="V")
        chosen[t.entity_id] = Targeted(t.entity_id, t.reason.strip())
    remaining = [e for e in population if e not in chosen]
    picked = random.Random(seed).sample(remaining, random_sample_size(len(remaining), policy))
    return InspectionDraw(agency_id, seed, population, tuple(chosen[e] for e in sorted(chosen)), tuple(sorted(picked)))


def reproduces(draw: InspectionDraw, policy: OversightPolicy) -> bool:
    """Re-run a recorded draw from its seed and population under its parameters: True if it comes out the same."""
    return draw_inspection_sample(draw.agency_id, draw.population_ids, draw.targeted, draw.seed, policy) == draw


def record_inspection(inspection_id: str, kind: str, agency_id: str, entity_id: str, year: int,
                      inspected_on: date, team: tuple[str, ...], checklist: Sequence[ChecklistItem],
                      findings: Sequence[Finding], record: str, table: ScoringTable, *,
                      draw_id: str | None, draw: InspectionDraw | None, engagements: Iterable[str],
                      reason: str | None) -> Inspection:
    """Validate an inspection's record (the team is validated by `panel.inspection_team`)."""
    try:
        how = InspectionKind(kind)
    except ValueError:
        raise RuleViolation(f"kind must be one of {[k.value for k in InspectionKind]}", field="kind",
                            article="V") from None
    if how is InspectionKind.ON_SITE:
        if draw is None:
            raise RuleViolation("an on-site inspection is at an entity a draw selected: name the draw",
                                field="draw_id", article="V")
        if draw.agency_id != agency_id:
            raise RuleViolation(f"draw {draw_id} is of agency {draw.agency_id}", field="draw_id", article="V")
        if entity_id not in draw.selected:
            raise RuleViolation(f"{entity_id} was not selected by draw {draw_id}", field="entity_id", article="V")
    else:
        if entity_id not in set(engagements):
            raise RuleViolation(f"{entity_id} is not an engagement of {agency_id} in {year}", field="entity_id",
                                article="V")
        if not (reason or "").strip():
            raise RuleViolation("a spot check (抽查) states its reason", field="reason", article="V")
    if not checklist:
        raise RuleViolation("the on-site record has its checklist", field="checklist", article="V")
    for i, c in enumerate(checklist):
        if not c.item.strip():
            raise RuleViolation("a checklist item is named", field=f"checklist[{i}].item", article="V")
    for i, f in enumerate(findings):
        table.finding_item(f.code, f"findings[{i}].code")
        if not f.description.strip():
            raise RuleViolation("a finding is described", field=f"findings[{i}].description", article="V")
        if not f.evidence or any(not e.strip() for e in f.evidence):
            raise RuleViolation("a finding carries its evidence, none blank", field=f"findings[{i}].evidence",
                                article="V")
    if not record.strip():
        raise RuleViolation("the on-site record (现场记录) is written", field="record", article="V")
    return Inspection(inspection_id, how, agency_id, entity_id, year, inspected_on, team,
                      tuple(ChecklistItem(c.item.strip(), CheckResult(c.result), c.note.strip()) for c in checklist),
                      tuple(Finding(f.code, f.description.strip(), tuple(e.strip() for e in f.evidence))
                            for f in findings),
                      record.strip(), draw_id if how is InspectionKind.ON_SITE else None,
                      (reason or "").strip() or None)


def sign(inspection: Inspection, member_id: str, at: datetime) -> Inspection:
    """A team member signs the record; the last signature completes it."""
    if member_id not in inspection.team:
        raise RuleViolation(f"{member_id} is not on the team of {inspection.inspection_id}", field="member_id",
                            article="V")
    if any(s.member_id == member_id for s in inspection.signatures):
        raise Conflict(f"{member_id} already signed {inspection.inspection_id}", field="member_id", article="V")
    signatures = inspection.signatures + (Signature(member_id, at),)
    done = {s.member_id for s in signatures} == set(inspection.team)
    return replace(inspection, signatures=signatures, completed_at=at if done else None)


def finding_deductions(inspection: Inspection, table: ScoringTable, at: datetime) -> list[Deduction]:
    if inspection.completed_at is None:
        raise ValueError("an inspection's findings count once its record is signed by the whole team")
    kind = "on-site inspection" if inspection.kind is InspectionKind.ON_SITE else "spot check"
    return [make_deduction(f"{inspection.inspection_id}-F{n}", inspection.agency_id, inspection.year, f.code,
                           f"{kind} {inspection.inspection_id} at {inspection.entity_id}: {f.description}",
                           DeductionSource.INSPECTION, (f"inspection {inspection.inspection_id}", *f.evidence), at,
                           table, reference=inspection.inspection_id, entity_id=inspection.entity_id)
            for n, f in enumerate(inspection.findings, start=1)]
