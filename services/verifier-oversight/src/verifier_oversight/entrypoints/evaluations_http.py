"""HTTP API of the evaluation side (V, "during" and "after"): deductions, finalisation and grade, the public
blacklist, the reproducible inspection draw and on-site inspections."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, Uow, require
from verifier_oversight.adapters.evaluation_repository import EvaluationRepository, InspectionRepository
from verifier_oversight.adapters.repository import AgencyRepository
from verifier_oversight.entrypoints.schemas import (
    BlacklistEntryPublic, DrawDetail, DrawPublic, EvaluationPublic, FinalisationPublic, InspectionPublic,
    InspectionRecorded,
)
from verifier_oversight.service_layer import commands, evaluations, inspections

router = APIRouter(tags=["evaluation"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Panel = Annotated[Principal, Depends(require(Role.AUTHORITY, Role.PANEL_EXPERT))]
Page = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=1000)]
EVALUATION = "/evaluations/{agency_id}/{compliance_year}"


@router.get("/evaluations", response_model=list[EvaluationPublic], summary="The year's evaluations (V, 考评)")
def list_evaluations(compliance_year: int, _: Panel, session: ReadSession, offset: Page = 0,
                     limit: Limit = 100) -> list[EvaluationPublic]:
    return [EvaluationPublic.of(e) for e in EvaluationRepository(session).of_year(compliance_year, offset, limit)]


@router.get(EVALUATION, response_model=EvaluationPublic, summary="One agency's evaluation for a year (V)")
def get_evaluation(agency_id: str, compliance_year: int, caller: Caller, session: ReadSession) -> EvaluationPublic:
    if not (caller.has(Role.AUTHORITY, Role.PANEL_EXPERT) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("an agency sees only its own evaluation", field="agency_id", article="V")
    return EvaluationPublic.of(EvaluationRepository(session).get(agency_id, compliance_year))


@router.post(f"{EVALUATION}/deductions", response_model=EvaluationPublic, status_code=201,
             summary="Deduct a scoring-table item from the agency's 100 points (V, 考核记分)")
def record_deduction(agency_id: str, compliance_year: int, cmd: commands.RecordDeduction, _: Panel,
                     uow: Uow) -> EvaluationPublic:
    return EvaluationPublic.of(evaluations.record_deduction(agency_id, compliance_year, cmd, uow))


@router.delete(f"{EVALUATION}/deductions/{{deduction_id}}", response_model=EvaluationPublic,
               summary="Withdraw a mistaken deduction before finalisation (V)")
def withdraw_deduction(agency_id: str, compliance_year: int, deduction_id: str, _: Authority,
                       uow: Uow) -> EvaluationPublic:
    return EvaluationPublic.of(evaluations.withdraw_deduction(agency_id, compliance_year, deduction_id, uow))


@router.post(f"{EVALUATION}/finalisation", response_model=FinalisationPublic,
             summary="Fix score and grade (V: 优良/合格/不合格); a FAIL blacklists the agency for 5 years")
def finalise(agency_id: str, compliance_year: int, _: Authority, uow: Uow) -> FinalisationPublic:
    done = evaluations.finalise(agency_id, compliance_year, uow)
    entry = BlacklistEntryPublic.of(done.blacklist_entry) if done.blacklist_entry else None
    return FinalisationPublic.of(done.evaluation, blacklist=entry,
                                 suspension_recommended=done.suspension_recommended)


@router.get("/blacklist", response_model=list[BlacklistEntryPublic],
            summary="Public verification blacklist (V): agencies barred after a failed evaluation")
def blacklist(session: ReadSession, compliance_year: int | None = None, offset: Page = 0,
              limit: Limit = 100) -> list[BlacklistEntryPublic]:
    return [BlacklistEntryPublic.of(entry, agency_name=name, listed_at=at)
            for entry, name, at in AgencyRepository(session).blacklist(compliance_year, offset, limit)]


@router.post("/inspection-draws", response_model=DrawPublic, status_code=201,
             summary="Draw the entities to inspect: every targeted one plus a seeded random share (V)")
def draw(cmd: commands.DrawInspectionSample, _: Authority, uow: Uow) -> DrawPublic:
    return DrawPublic.of(inspections.draw_sample(cmd, uow))


@router.get("/inspection-draws/{draw_id}", response_model=DrawDetail,
            summary="A recorded draw with its population, re-run from its seed to show it is reproducible (V)")
def get_draw(draw_id: str, _: Panel, session: ReadSession) -> DrawDetail:
    stored = InspectionRepository(session).get_draw(draw_id)
    return DrawDetail.of(stored, population=list(stored.draw.population_ids), reproduced=stored.reproduces())


@router.post("/inspections", response_model=InspectionRecorded, status_code=201,
             summary="Record an on-site inspection (V, 现场检查); its findings become evaluation deductions")
def record_inspection(cmd: commands.RecordInspection, _: Panel, uow: Uow) -> InspectionRecorded:
    inspection, evaluation, at = inspections.record_inspection(cmd, uow)
    public = InspectionPublic.of(inspection, cmd.draw_id, at)
    return InspectionRecorded(**public.model_dump(), evaluation=EvaluationPublic.of(evaluation))


@router.get("/inspections", response_model=list[InspectionPublic], summary="On-site inspections (V)")
def list_inspections(_: Panel, session: ReadSession, compliance_year: int | None = None,
                     agency_id: str | None = None, offset: Page = 0, limit: Limit = 100) -> list[InspectionPublic]:
    found = InspectionRepository(session).list(compliance_year, agency_id, offset, limit)
    return [InspectionPublic.of(i, draw_id, at) for i, draw_id, at in found]
