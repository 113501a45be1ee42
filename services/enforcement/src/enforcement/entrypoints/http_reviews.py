"""Second looks at a case: four eyes on the officer's decisions (M-43) — a second officer or the authority's
leadership approves or rejects a proposal, never its proposer nor the case's opener — and the party's objections
(陈述、申辩) and appeals (行政复议、行政诉讼) with their outcome."""
from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from ets_shared.auth import Principal, Role
from ets_shared.http.dependencies import Caller, require
from enforcement.entrypoints.dependencies import Uow
from enforcement.entrypoints.http import OVERSEERS, Officer, may_see, own_scope
from enforcement.entrypoints.schemas import CaseDetail
from enforcement.service_layer import commands, cases

router = APIRouter(tags=["reviews"])
Reviewer = Annotated[Principal, Depends(require(*OVERSEERS))]
No = Annotated[int, Path(ge=1, le=10_000)]


@router.post("/cases/{case_id}/decisions/{decision_no}/approval", response_model=CaseDetail,
             summary="Approve a proposed decision (four eyes, M-43): it takes effect now; refused (403) to its "
                     "proposer and to the case's opener")
def approve(case_id: str, decision_no: No, cmd: commands.GiveReasons, _: Reviewer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.approve(case_id, decision_no, cmd, uow))


@router.post("/cases/{case_id}/decisions/{decision_no}/rejection", response_model=CaseDetail,
             summary="Reject a proposed decision with reasons (its proposer: withdraw it)")
def reject(case_id: str, decision_no: No, cmd: commands.GiveReasons, _: Reviewer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.reject(case_id, decision_no, cmd, uow))


@router.post("/cases/{case_id}/objections", response_model=CaseDetail, status_code=201,
             summary="The party's statement and defence (陈述、申辩) before the fine — by the party itself or "
                     "recorded by an officer")
def file_objection(case_id: str, cmd: commands.FileObjection, caller: Caller, uow: Uow) -> CaseDetail:
    if not caller.has(Role.ENFORCEMENT_OFFICER):
        own_scope(caller)  # the party itself, or refused
    return CaseDetail.of(cases.object_to(case_id, cmd, uow,
                                            allowed=None if caller.has(Role.ENFORCEMENT_OFFICER)
                                            else partial(may_see, caller)))


@router.post("/cases/{case_id}/objections/{no}/decision", response_model=CaseDetail,
             summary="Decide the objection: accepted (pending fine proposals are set aside) or rejected")
def decide_objection(case_id: str, no: No, cmd: commands.DecideObjection, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.decide_objection(case_id, no, cmd, uow))


@router.post("/cases/{case_id}/appeals", response_model=CaseDetail, status_code=201,
             summary="Record an administrative reconsideration or litigation against the decision")
def lodge_appeal(case_id: str, cmd: commands.LodgeAppeal, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.lodge_appeal(case_id, cmd, uow))


@router.post("/cases/{case_id}/appeals/{no}/decision", response_model=CaseDetail,
             summary="Record the appeal's outcome: decision upheld, fine reduced, or decision revoked (measures "
                     "lifted, case closed)")
def decide_appeal(case_id: str, no: No, cmd: commands.DecideAppeal, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.decide_appeal(case_id, no, cmd, uow))
