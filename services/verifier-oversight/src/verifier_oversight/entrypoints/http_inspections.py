"""HTTP API of the evaluation panel and its inspections (V, 事中: 考评小组, 现场检查, 抽查): members with their declared
conflicts, the reproducible draw over an agency's engagements, the on-site record and its signatures."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.evaluation_repository import (
    InspectionRepository, PanelRepository, ScoringTableRepository,
)
from verifier_oversight.entrypoints.dependencies import Authority, IdPath, Limit, Page, Panel, Year, YearQuery
from verifier_oversight.entrypoints.schemas import (
    DrawDetail, DrawPublic, EvaluationPublic, InspectionPublic, InspectionSigned, PanelMemberPublic,
)
from verifier_oversight.service_layer import commands, inspections

router = APIRouter(tags=["panel and inspections"])
AgencyFilter = Annotated[str | None, Query(max_length=64)]


def _acting_member(caller: Principal) -> str:
    """The panel member a caller acts as: its token's party id, else its subject."""
    return caller.party_id or caller.subject


@router.post("/panels/{compliance_year}/members", response_model=PanelMemberPublic, status_code=201,
             summary="Appoint a member of the year's evaluation panel (authority staff or expert) with its conflicts")
def appoint(compliance_year: Year, cmd: commands.AppointMember, _: Authority, uow: Uow) -> PanelMemberPublic:
    return PanelMemberPublic.of(inspections.appoint(compliance_year, cmd, uow))


@router.get("/panels/{compliance_year}", response_model=list[PanelMemberPublic], summary="The year's panel")
def panel(compliance_year: Year, _: Panel, session: ReadSession) -> list[PanelMemberPublic]:
    return [PanelMemberPublic.of(m) for m in PanelRepository(session).of_year(compliance_year).values()]


@router.post("/panels/{compliance_year}/members/{member_id}/conflicts", response_model=PanelMemberPublic,
             summary="Declare further conflicts of interest (the authority, or the member itself)")
def declare(compliance_year: Year, member_id: IdPath, cmd: commands.DeclareConflicts, caller: Caller,
            uow: Uow) -> PanelMemberPublic:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.PANEL_EXPERT) and _acting_member(caller) == member_id)):
        raise Forbidden("only the authority or the member itself declares its conflicts", field="member_id",
                        article="V")
    return PanelMemberPublic.of(inspections.declare_conflicts(compliance_year, member_id, cmd, uow))


@router.post("/inspection-draws", response_model=DrawPublic, status_code=201,
             summary="Draw the engagements of an agency to inspect: every targeted one (with its reason) plus a "
                     "seeded random share of the others (V)")
def draw(cmd: commands.DrawInspectionSample, _: Authority, uow: Uow) -> DrawPublic:
    return DrawPublic.of(inspections.draw_sample(cmd, uow))


@router.get("/inspection-draws", response_model=list[DrawPublic], summary="The year's draws")
def draws(compliance_year: YearQuery, _: Panel, session: ReadSession,
          agency_id: AgencyFilter = None) -> list[DrawPublic]:
    return [DrawPublic.of(d) for d in InspectionRepository(session).draws(compliance_year, agency_id)]


@router.get("/inspection-draws/{draw_id}", response_model=DrawDetail,
            summary="A recorded draw with its population, re-run from its seed to show it is reproducible (V)")
def get_draw(draw_id: IdPath, _: Panel, session: ReadSession) -> DrawDetail:
    stored = InspectionRepository(session).get_draw(draw_id)
    return DrawDetail.of(stored, population=list(stored.draw.population_ids), reproduced=stored.reproduces())


@router.post("/inspections", response_model=InspectionPublic, status_code=201,
             summary="Record an on-site inspection or spot check (现场记录): checklist, findings with evidence, record")
def record_inspection(cmd: commands.RecordInspection, _: Panel, uow: Uow) -> InspectionPublic:
    return InspectionPublic.of(inspections.record_inspection(cmd, uow))


@router.post("/inspections/{inspection_id}/signatures", response_model=InspectionSigned,
             summary="A team member signs the record; the last signature turns its findings into deductions")
def sign(inspection_id: IdPath, caller: Panel, uow: Uow, session: ReadSession) -> InspectionSigned:
    inspection, evaluation = inspections.sign(inspection_id, _acting_member(caller), uow)
    view = None
    if evaluation is not None:
        view = EvaluationPublic.of(evaluation, ScoringTableRepository(session).current(evaluation.year))
    return InspectionSigned(**InspectionPublic.of(inspection).model_dump(), evaluation=view)


@router.get("/inspections", response_model=list[InspectionPublic], summary="Inspections and spot checks (V)")
def list_inspections(_: Panel, session: ReadSession, compliance_year: Annotated[int | None, Query(ge=2013, le=2100)]
                     = None, agency_id: AgencyFilter = None, offset: Page = 0,
                     limit: Limit = 100) -> list[InspectionPublic]:
    return [InspectionPublic.of(i) for i in InspectionRepository(session).list(compliance_year, agency_id, offset,
                                                                                limit)]
