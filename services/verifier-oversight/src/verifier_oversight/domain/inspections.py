"""On-site inspections by the evaluation panel (V, "during": 现场检查, 随机抽取与重点选取相结合).

Rules that live here:
- V: entities to inspect are chosen by random sampling combined with targeted selection: every targeted entity,
  plus ceil(random_ratio x the remaining population) drawn at random, at least `random_minimum` when any remain
  (never more than remain). The draw is reproducible: a `random.Random(seed)` over the sorted population, so the
  recorded seed and population re-create it (`verify_draw`);
- V: an inspection has at least `experts_per_inspection_min` (2) distinct experts and a non-empty on-site record;
- V: inspection findings feed the evaluation: each MAJOR/MINOR finding is one INSPECTION_MAJOR/INSPECTION_MINOR
  deduction from the agency's evaluation for that year.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Iterable

from ets_shared.errors import RuleViolation

from .evaluation import DeductionSource, Evaluation, add_deduction
from .policy import INSPECTION_MAJOR, INSPECTION_MINOR, OversightPolicy


@dataclass(frozen=True)
class InspectionDraw:
    seed: int
    random_ids: tuple[str, ...]
    targeted_ids: tuple[str, ...]
    all_ids: tuple[str, ...]
    population_ids: tuple[str, ...] = ()  # kept so the draw can be re-run and checked


class Severity(StrEnum):
    MAJOR = "MAJOR"
    MINOR = "MINOR"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    description: str


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    agency_id: str
    entity_id: str
    year: int
    experts: tuple[str, ...]
    record: str
    findings: tuple[Finding, ...] = ()


def random_sample_size(remaining: int, policy: OversightPolicy) -> int:
    """ceil(ratio x remaining), at least random_minimum when any remain, at most remaining."""
    if remaining <= 0:
        return 0
    wanted = max(math.ceil(Decimal(policy.random_ratio) * remaining), policy.random_minimum)
    return min(wanted, remaining)


def draw_inspection_sample(population_entity_ids: Iterable[str], targeted_ids: Iterable[str], seed: int,
                           policy: OversightPolicy) -> InspectionDraw:
    population = tuple(sorted(set(population_entity_ids)))
    targeted = tuple(sorted(set(targeted_ids)))
    population_set, targeted_set = set(population), set(targeted)
    outside = [t for t in targeted if t not in population_set]
    if outside:
        raise RuleViolation(f"targeted entities not in the population: {outside}", field="targeted_ids",
                            article="V")
    remaining = [e for e in population if e not in targeted_set]
    picked = random.Random(seed).sample(remaining, random_sample_size(len(remaining), policy))
    random_ids = tuple(sorted(picked))
    return InspectionDraw(seed, random_ids, targeted, tuple(sorted(targeted + random_ids)), population)


def verify_draw(draw: InspectionDraw, policy: OversightPolicy) -> bool:
    """Re-run a recorded draw from its seed and population: True if it comes out the same."""
    return draw_inspection_sample(draw.population_ids, draw.targeted_ids, draw.seed, policy) == draw


def record_inspection(inspection_id: str, agency_id: str, entity_id: str, year: int, experts: Iterable[str],
                      record: str, findings: Iterable[Finding], policy: OversightPolicy,
                      draw: InspectionDraw | None = None) -> Inspection:
    """Validate and build an inspection. With `draw`, the entity must be one the draw selected."""
    panel = tuple(dict.fromkeys(e.strip() for e in experts if e.strip()))
    if len(panel) < policy.experts_per_inspection_min:
        raise RuleViolation(f"an on-site inspection needs at least {policy.experts_per_inspection_min} "
                            f"distinct experts, got {len(panel)}", field="experts", article="V")
    if not record.strip():
        raise RuleViolation("the on-site record (现场记录) is required", field="record", article="V")
    found = []
    for i, f in enumerate(findings):
        try:
            severity = Severity(f.severity)
        except ValueError:
            raise RuleViolation("severity must be MAJOR or MINOR", field=f"findings[{i}].severity",
                                article="V") from None
        if not f.description.strip():
            raise RuleViolation("a finding needs a description", field=f"findings[{i}].description", article="V")
        found.append(Finding(severity, f.description.strip()))
    if draw is not None and entity_id not in draw.all_ids:
        raise RuleViolation(f"entity {entity_id} was not selected by the draw", field="entity_id", article="V")
    return Inspection(inspection_id, agency_id, entity_id, year, panel, record.strip(), tuple(found))


def apply_inspection_findings(evaluation: Evaluation, inspection: Inspection,
                              policy: OversightPolicy) -> Evaluation:
    """One deduction per finding, ids "<inspection_id>/<n>", so applying the same inspection twice is a Conflict."""
    if (inspection.agency_id, inspection.year) != (evaluation.agency_id, evaluation.year):
        raise RuleViolation("inspection is of another agency or year", field="inspection_id", article="V")
    codes = {Severity.MAJOR: INSPECTION_MAJOR, Severity.MINOR: INSPECTION_MINOR}
    for n, finding in enumerate(inspection.findings, start=1):
        evaluation = add_deduction(evaluation, f"{inspection.inspection_id}/{n}", codes[finding.severity],
                                   DeductionSource.INSPECTION.value, finding.description, policy,
                                   reference=inspection.inspection_id)
    return evaluation
