"""Use cases of the panel and its inspections (V, "during": 考评小组, 现场检查, 抽查): appointing members with their
declared conflicts, the reproducible draw over an agency's engagements, the on-site record, its signatures, and —
once the whole team signed — its findings as deductions in the agency's evaluation."""
from __future__ import annotations

import secrets
from uuid import uuid4

from ets_shared.errors import Conflict
from verifier_oversight.adapters.evaluation_repository import StoredDraw
from verifier_oversight.domain import inspections as rules
from verifier_oversight.domain import panel
from verifier_oversight.domain.evaluation import Evaluation
from verifier_oversight.domain.inspections import CheckResult, ChecklistItem, Finding, Inspection, Targeted
from verifier_oversight.domain.panel import DeclaredConflict, PanelMember
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.evaluations import evaluation_to_change, record, require_year_open
from verifier_oversight.adapters.policy_repository import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

SEED_BITS = 63


def _conflicts(items: list[commands.ConflictIn]) -> list[DeclaredConflict]:
    return [DeclaredConflict(c.agency_id, c.entity_id, c.description) for c in items]


def appoint(year: int, cmd: commands.AppointMember, uow: OversightUnitOfWork) -> PanelMember:
    with uow:
        member = panel.appoint(year, cmd.member_id, cmd.name, cmd.kind, cmd.affiliation, _conflicts(cmd.conflicts),
                               uow.panel.of_year(year))
        uow.panel.save(member, uow.now())
        uow.audit("verifier-oversight.panel.appointed", f"panel:{year}",
                  {"member_id": member.member_id, "kind": member.kind, "affiliation": member.affiliation,
                   "conflicts": [vars(c) for c in member.conflicts]})
        uow.commit()
    return member


def declare_conflicts(year: int, member_id: str, cmd: commands.DeclareConflicts,
                      uow: OversightUnitOfWork) -> PanelMember:
    with uow:
        member = panel.declare(uow.panel.get(year, member_id), _conflicts(cmd.conflicts))
        uow.panel.save(member, uow.now())
        uow.audit("verifier-oversight.panel.conflicts-declared", f"panel:{year}",
                  {"member_id": member_id, "conflicts": [vars(c) for c in cmd.conflicts]})
        uow.commit()
    return member


def draw_sample(cmd: commands.DrawInspectionSample, uow: OversightUnitOfWork) -> StoredDraw:
    """Every targeted engagement plus the policy's random share of the agency's other engagements of the year, from
    a recorded seed."""
    seed = cmd.seed if cmd.seed is not None else secrets.randbits(SEED_BITS)
    draw_id = cmd.draw_id or f"DRAW-{cmd.compliance_year}-{uuid4().hex[:12]}"
    with uow:
        uow.agencies.get(cmd.agency_id)
        if uow.inspections.find_draw(draw_id) is not None:
            raise Conflict(f"inspection draw {draw_id} already recorded", field="draw_id", article="V")
        policy = policy_for(uow.session, cmd.compliance_year)
        engagements = uow.assignments.engaged_entities(cmd.agency_id, cmd.compliance_year)
        draw = rules.draw_inspection_sample(cmd.agency_id, engagements,
                                            [Targeted(t.entity_id, t.reason) for t in cmd.targeted], seed, policy)
        recorded = StoredDraw(draw_id, cmd.compliance_year, draw, uow.now(), policy.random_ratio,
                              policy.random_minimum)
        uow.inspections.add_draw(recorded)
        uow.audit("verifier-oversight.inspection-draw.recorded", f"inspection-draw:{draw_id}",
                  {"agency_id": cmd.agency_id, "compliance_year": cmd.compliance_year, "seed": seed,
                   "population": len(draw.population_ids), "targeted": [vars(t) for t in draw.targeted],
                   "random": list(draw.random_ids), "random_ratio": str(policy.random_ratio),
                   "random_minimum": policy.random_minimum})
        uow.commit()
    return recorded


def record_inspection(cmd: commands.RecordInspection, uow: OversightUnitOfWork) -> Inspection:
    year = cmd.compliance_year
    with uow:
        require_year_open(uow, year)
        uow.agencies.get(cmd.agency_id)
        if uow.inspections.find(cmd.inspection_id) is not None:
            raise Conflict(f"inspection {cmd.inspection_id} already recorded", field="inspection_id", article="V")
        draw = None
        if cmd.draw_id is not None:
            stored = uow.inspections.get_draw(cmd.draw_id)
            if stored.year != year:
                raise Conflict(f"draw {cmd.draw_id} is of {stored.year}, not {year}", field="draw_id", article="V")
            draw = stored.draw
        policy = policy_for(uow.session, year)
        team = panel.inspection_team(cmd.team, uow.panel.of_year(year), cmd.agency_id, cmd.entity_id, policy)
        inspection = rules.record_inspection(
            cmd.inspection_id, cmd.kind, cmd.agency_id, cmd.entity_id, year, cmd.inspected_on, team,
            [ChecklistItem(c.item, CheckResult(c.result), c.note) for c in cmd.checklist],
            [Finding(f.code, f.description, tuple(f.evidence)) for f in cmd.findings], cmd.record,
            uow.scoring.current(year), draw_id=cmd.draw_id, draw=draw,
            engagements=uow.assignments.engaged_entities(cmd.agency_id, year), reason=cmd.reason)
        uow.inspections.save(inspection, uow.now())
        uow.audit("verifier-oversight.inspection.recorded", f"inspection:{inspection.inspection_id}",
                  {"kind": inspection.kind, "agency_id": inspection.agency_id, "entity_id": inspection.entity_id,
                   "compliance_year": year, "team": list(team), "draw_id": cmd.draw_id, "reason": cmd.reason,
                   "findings": [f.code for f in inspection.findings]})
        uow.commit()
    return inspection


def sign(inspection_id: str, member_id: str, uow: OversightUnitOfWork) -> tuple[Inspection, Evaluation | None]:
    """A team member signs; the last signature turns the findings into deductions (and M-41 reports)."""
    with uow:
        inspection = uow.inspections.get(inspection_id, for_update=True)
        require_year_open(uow, inspection.year)
        now = uow.now()
        inspection = rules.sign(inspection, member_id, now)
        uow.inspections.save(inspection, now)
        uow.audit("verifier-oversight.inspection.signed", f"inspection:{inspection_id}", {"member_id": member_id})
        evaluation = None
        if inspection.completed_at is not None:
            evaluation = evaluation_to_change(uow, inspection.agency_id, inspection.year)
            table = uow.scoring.current(inspection.year)
            for deduction in rules.finding_deductions(inspection, table, now):
                evaluation = record(uow, evaluation, deduction, table)
            uow.evaluations.save(evaluation, now)
        uow.commit()
    return inspection, evaluation
