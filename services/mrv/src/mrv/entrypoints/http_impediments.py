"""HTTP API of the agencies' records of impeded verification (M-13 ¶2, M-38): false documents or concealment,
refused documents or obstruction, recorded by the assigned agency (or its certified verifier); read by the
authority, the entity and the agency."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from mrv.entrypoints.dependencies import Uow
from mrv.adapters.impediment_repository import ImpedimentRepository
from mrv.adapters.repository import ReportCaseRepository
from mrv.service_layer import commands, impediments
from mrv.entrypoints.schemas_impediments import ImpedimentPublic

router = APIRouter(tags=["verification"])
Recorder = Annotated[Principal, Depends(require(Role.VERIFIER, Role.AGENCY))]


@router.post("/reports/{report_id}/impediments", response_model=ImpedimentPublic, status_code=201,
             summary="Record that the entity impeded the verification (M-13 ¶2): false documents or concealment "
                     "(M-38 ¶1), refused documents or obstruction (M-38 ¶2); the assigned agency or its certified "
                     "verifier")
def record_impediment(report_id: str, cmd: commands.RecordImpediment, caller: Recorder,
                      uow: Uow) -> ImpedimentPublic:
    return ImpedimentPublic.of(impediments.record(report_id, caller, cmd, uow))


@router.get("/reports/{report_id}/impediments", response_model=list[ImpedimentPublic],
            summary="The records of impeded verification of a report (the authority, the entity, the agency)")
def list_impediments(report_id: str, caller: Caller, session: ReadSession) -> list[ImpedimentPublic]:
    case = ReportCaseRepository(session).get(report_id)
    found = ImpedimentRepository(session).of_report(report_id)
    if caller.has(Role.AGENCY):
        found = [i for i in found if i.agency_id == caller.party_id]
    elif not (caller.has(Role.AUTHORITY) or (caller.has(Role.ENTITY) and caller.owns(case.entity_id))):
        raise Forbidden("the authority, the entity and the agency read these records", field="report_id")
    return [ImpedimentPublic.of(i) for i in found]
