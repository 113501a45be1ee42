"""Use cases of on-site inspections (V, "during": 现场检查): the reproducible sampling draw and the inspection
record, whose findings become deductions in the inspected agency's evaluation for that year."""
from __future__ import annotations

import secrets
from datetime import datetime
from uuid import uuid4

from ets_shared.errors import Conflict, RuleViolation
from verifier_oversight.adapters.evaluation_repository import StoredDraw
from verifier_oversight.domain import inspections as rules
from verifier_oversight.domain.evaluation import Evaluation
from verifier_oversight.domain.inspections import Inspection
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.evaluations import evaluation_to_change, subject
from verifier_oversight.service_layer.policy import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

SEED_BITS = 63


def draw_sample(cmd: commands.DrawInspectionSample, uow: OversightUnitOfWork) -> StoredDraw:
    """Every targeted entity plus the policy's random share of the rest, from a recorded seed."""
    seed = cmd.seed if cmd.seed is not None else secrets.randbits(SEED_BITS)
    draw_id = cmd.draw_id or f"DRAW-{cmd.compliance_year}-{uuid4().hex[:12]}"
    with uow:
        if uow.inspections.find_draw(draw_id) is not None:
            raise Conflict(f"inspection draw {draw_id} already recorded", field="draw_id", article="V")
        policy = policy_for(uow.session, cmd.compliance_year)
        try:
            draw = rules.draw_inspection_sample(cmd.population, cmd.targeted, seed, policy)
        except RuleViolation as refused:
            raise RuleViolation(refused.detail, field="targeted", article=refused.article) from None
        recorded = StoredDraw(draw_id, cmd.compliance_year, draw, uow.now(), policy.random_ratio,
                              policy.random_minimum)
        uow.inspections.add_draw(recorded)
        uow.audit("verifier-oversight.inspection-draw.recorded", f"inspection-draw:{draw_id}",
                  {"compliance_year": cmd.compliance_year, "seed": seed, "population": len(draw.population_ids),
                   "targeted": list(draw.targeted_ids), "random": list(draw.random_ids),
                   "random_ratio": str(policy.random_ratio), "random_minimum": policy.random_minimum})
        uow.commit()
    return recorded


def record_inspection(cmd: commands.RecordInspection,
                      uow: OversightUnitOfWork) -> tuple[Inspection, Evaluation, datetime]:
    year = cmd.compliance_year
    with uow:
        evaluation = evaluation_to_change(uow, cmd.agency_id, year)  # locks the agency: one change at a time
        if uow.inspections.exists(cmd.inspection_id):
            raise Conflict(f"inspection {cmd.inspection_id} already recorded", field="inspection_id", article="V")
        draw = None
        if cmd.draw_id is not None:
            stored = uow.inspections.get_draw(cmd.draw_id)
            if stored.year != year:
                raise RuleViolation(f"draw {cmd.draw_id} is of {stored.year}, not {year}", field="draw_id",
                                    article="V")
            draw = stored.draw
        policy, now = policy_for(uow.session, year), uow.now()
        inspection = rules.record_inspection(cmd.inspection_id, cmd.agency_id, cmd.entity_id, year, cmd.experts,
                                             cmd.record, cmd.findings, policy, draw)
        evaluation = rules.apply_inspection_findings(evaluation, inspection, policy)
        uow.inspections.add(inspection, cmd.draw_id, now)
        uow.evaluations.save(evaluation, now)
        uow.audit("verifier-oversight.inspection.recorded", f"inspection:{inspection.inspection_id}",
                  {"agency_id": inspection.agency_id, "entity_id": inspection.entity_id, "compliance_year": year,
                   "experts": list(inspection.experts), "draw_id": cmd.draw_id,
                   "findings": [vars(f) for f in inspection.findings]})
        if inspection.findings:
            uow.audit("verifier-oversight.evaluation.deducted", subject(cmd.agency_id, year),
                      {"inspection_id": inspection.inspection_id, "deductions": len(inspection.findings),
                       "score": evaluation.score})
        uow.commit()
    return inspection, evaluation, now
