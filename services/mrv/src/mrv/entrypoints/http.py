"""HTTP API of the mrv: emission reports (M-12), verification (M-13, V), objection and re-check (M-15 ¶2) and the
authority's determination of a case (M-15). Determinations and signatories: `entrypoints.http_records`; the
determination queue and bulk determination: `entrypoints.http_queue`; monitoring plans: `http_monitoring`."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.bounds import Year
from ets_shared.http.dependencies import Caller, ReadSession, require
from mrv.entrypoints.dependencies import Uow
from mrv.adapters.repository import ReportCaseRepository
from mrv.adapters.signatories import CoveredEntityRepository
from mrv.domain.report_case import ReportCase
from mrv.entrypoints.schemas import (
    CasePublic, DeterminationPublic, RecheckOpenedPublic, ReportPublic, VerificationFiledPublic,
)
from mrv.service_layer import commands, reports

router = APIRouter(tags=["reports"])
Entity = Annotated[Principal, Depends(require(Role.ENTITY))]
Verifier = Annotated[Principal, Depends(require(Role.VERIFIER))]
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
State = Literal["awaiting_report", "reported", "verified", "recheck", "determined"]


def _may_see(caller: Principal, case: ReportCase, session: ReadSession) -> None:
    """The authority; the entity itself or its successor (M-10); the verifier and agency that filed the report's
    verification."""
    v = case.verification
    if caller.has(Role.AUTHORITY) or (caller.has(Role.ENTITY)
                                      and CoveredEntityRepository(session).acts_for(caller.party_id, case.entity_id)):
        return
    if v is not None and ((caller.has(Role.VERIFIER) and caller.owns(v.verifier_id))
                          or (caller.has(Role.AGENCY) and caller.owns(v.agency_id))):
        return
    raise Forbidden("only the authority, the entity itself and the verifier and agency of its verification may "
                    "read this report", field="report_id", article="M-13")


@router.post("/reports", response_model=ReportPublic, status_code=201,
             summary="Submit the year's emission report (M-12), due 31 March of the next year")
def submit_report(cmd: commands.SubmitReport, caller: Entity, uow: Uow) -> ReportPublic:
    return ReportPublic.of(reports.submit_report(caller.party, cmd, uow))


@router.put("/reports/{report_id}", response_model=ReportPublic,
            summary="Amend the report before its verification is filed (M-12)")
def amend_report(report_id: str, cmd: commands.AmendReport, caller: Entity, uow: Uow) -> ReportPublic:
    return ReportPublic.of(reports.amend_report(report_id, caller.party, cmd, uow))


@router.get("/reports/{report_id}", response_model=CasePublic,
            summary="A report with its verification, re-checks and determinations (M-12..M-15)")
def get_report(report_id: str, caller: Caller, session: ReadSession) -> CasePublic:
    case = ReportCaseRepository(session).get(report_id)
    _may_see(caller, case, session)
    return CasePublic.of(case)


@router.get("/reports", response_model=list[CasePublic], summary="Reports of a year, by state (authority, M-31)")
def list_reports(_: Authority, session: ReadSession, compliance_year: Year | None = None, state: State | None = None,
                 offset: Annotated[int, Query(ge=0)] = 0,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[CasePublic]:
    return [CasePublic.of(c) for c in ReportCaseRepository(session).list(compliance_year, state, offset, limit)]


@router.post("/reports/{report_id}/verification", response_model=VerificationFiledPublic, status_code=201,
             summary="File the verification report (M-13); only a certified verifier of an eligible agency (V)")
def file_verification(report_id: str, cmd: commands.FileVerification, caller: Verifier,
                      uow: Uow) -> VerificationFiledPublic:
    case, verification = reports.file_verification(report_id, caller.party, cmd, uow)
    return VerificationFiledPublic.of(case, verification)


@router.post("/reports/{report_id}/objection", response_model=RecheckOpenedPublic, status_code=201,
             summary="Object to the verification report with evidence: re-check (M-15 ¶2(3))")
def file_objection(report_id: str, cmd: commands.FileObjection, caller: Entity, uow: Uow) -> RecheckOpenedPublic:
    case, _ = reports.file_objection(report_id, caller.party, cmd, uow)
    return RecheckOpenedPublic.of(report_id, case, case.rechecks[-1])


@router.post("/reports/{report_id}/recheck", response_model=RecheckOpenedPublic, status_code=201,
             summary="Re-check for a recorded reason (M-15 ¶2(4)); after a determination, a correction")
def open_recheck(report_id: str, cmd: commands.OpenRecheck, _: Authority, uow: Uow) -> RecheckOpenedPublic:
    case, recheck = reports.open_recheck(report_id, cmd, uow)
    return RecheckOpenedPublic.of(report_id, case, recheck)


@router.post("/reports/{report_id}/determination", response_model=DeterminationPublic, status_code=201,
             summary="The authority determines the year (M-15): the verified figure after the objection period; "
                     "after a re-check its figure and reasons (the triggers are kept); for a covered entity found "
                     "without a report or verification at the deadline, its own figure and stated basis")
def determine(report_id: str, cmd: commands.Determine, _: Authority, uow: Uow) -> DeterminationPublic:
    determination = reports.determine(report_id, cmd, uow)[1]
    return DeterminationPublic.of(determination)
