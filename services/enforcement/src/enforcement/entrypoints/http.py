"""HTTP API of the enforcement office: penalty cases (§8; M-37 to M-39, M-41, M-42), their steps and M-40 measures.
Officers act; the authority sees everything, may apply M-40 measures and approve decisions; a party sees its own
cases. Four eyes, objections and appeals: `http_reviews`; departments: `http_departments`; public disclosure:
`http_public`; the decision log and inaction flags (M-43): `http_accountability`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from enforcement.entrypoints.dependencies import Uow
from enforcement.adapters.repository import CaseRepository
from enforcement.domain import PenaltyCase
from enforcement.domain.articles import ArticleCode
from enforcement.entrypoints.schemas import CaseDetail, CasePublic
from enforcement.service_layer import commands, cases

router = APIRouter(tags=["cases"])
Officer = Annotated[Principal, Depends(require(Role.ENFORCEMENT_OFFICER))]
MeasureDecider = Annotated[Principal, Depends(require(Role.ENFORCEMENT_OFFICER, Role.AUTHORITY))]
OVERSEERS = (Role.ENFORCEMENT_OFFICER, Role.AUTHORITY)
OWN_KIND = {Role.ENTITY: "covered_entity", Role.AGENCY: "agency", Role.EXCHANGE_OPERATOR: "exchange"}
CaseId = Annotated[str, Query(max_length=100)]


def own_scope(caller: Principal) -> tuple[str | None, str]:
    """(party_id, party_kind) a party caller is confined to; the exchange operator answers for the exchange."""
    if caller.role not in OWN_KIND:
        raise Forbidden(f"role '{caller.role.value}' sees no enforcement cases")
    return (None if caller.has(Role.EXCHANGE_OPERATOR) else caller.party_id), OWN_KIND[caller.role]


def may_see(caller: Principal, case: PenaltyCase) -> None:
    if caller.has(*OVERSEERS):
        return
    party_id, kind = own_scope(caller)
    if case.party_kind.value != kind or party_id not in (None, case.party_id):
        raise Forbidden("a party sees only its own cases", field="case_id")


@router.get("/cases", response_model=list[CasePublic],
            summary="Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)")
def list_cases(session: ReadSession, caller: Caller,
               party_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
               article: ArticleCode | None = None, status: commands.CaseStatusCode | None = None,
               compliance_year: Annotated[int | None, Query(ge=2013, le=2100)] = None,
               offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[CasePublic]:
    kind = None
    if not caller.has(*OVERSEERS):
        own, kind = own_scope(caller)
        if own is not None and party_id not in (None, own):
            raise Forbidden("a party sees only its own cases", field="party_id")
        party_id = own or party_id
    cases = CaseRepository(session).list(party_id=party_id, party_kind=kind, article=article, status=status,
                                         compliance_year=compliance_year, offset=offset, limit=limit)
    return [CasePublic.of(c) for c in cases]


@router.get("/cases/{case_id}", response_model=CaseDetail,
            summary="A case with its correlation id, steps, proposals, objections, appeals and measures")
def get_case(case_id: str, session: ReadSession, caller: Caller) -> CaseDetail:
    case = CaseRepository(session).get(case_id)
    may_see(caller, case)
    return CaseDetail.of(case)


@router.post("/cases", response_model=CaseDetail, status_code=201,
             summary="Open a case by hand (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at "
                     "once")
def open_case(cmd: commands.OpenCase, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.open_by_officer(cmd, uow))


@router.post("/cases/{case_id}/order", response_model=CaseDetail,
             summary="Order to correct by a deadline (责令限期改正, M-37, M-38 ¶1) or to surrender (M-39)")
def order(case_id: str, cmd: commands.IssueOrder, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.order(case_id, cmd, uow))


@router.post("/cases/{case_id}/penalty", response_model=CaseDetail,
             summary="Decide the fine within the article's inclusive range (M-37 to M-42, M-44); with four eyes a "
                     "proposal for a second officer")
def decide_penalty(case_id: str, cmd: commands.DecidePenalty, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.decide_penalty(case_id, cmd, uow))


@router.post("/cases/{case_id}/penalty/decline", response_model=CaseDetail,
             summary="Decide not to fine (M-39 only: the fine is optional; the surrender is not)")
def decline_penalty(case_id: str, cmd: commands.GiveReasons, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.decline_penalty(case_id, cmd, uow))


@router.post("/cases/{case_id}/penalty/notification", response_model=CaseDetail,
             summary="Record the decision served on the party (送达): the fine is due within payment_days")
def notify_penalty(case_id: str, cmd: commands.NotifyPenalty, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.notify(case_id, cmd, uow))


@router.post("/cases/{case_id}/payment", response_model=CaseDetail,
             summary="Record the fine paid in full, after service (it never replaces an M-39 surrender)")
def record_payment(case_id: str, cmd: commands.RecordPayment, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.pay(case_id, cmd, uow))


@router.post("/cases/{case_id}/correction", response_model=CaseDetail,
             summary="Record the violation corrected (M-37, M-38, M-41, M-42); in time closes M-37 / M-38 ¶1")
def record_correction(case_id: str, cmd: commands.RecordCorrection, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.correct(case_id, cmd, uow))


@router.post("/cases/{case_id}/dismissal", response_model=CaseDetail,
             summary="Dismiss: violation not established (before any fine is decided; four eyes by default)")
def dismiss(case_id: str, cmd: commands.GiveReasons, _: Officer, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.dismiss_case(case_id, cmd, uow))


@router.post("/cases/{case_id}/measures", response_model=CaseDetail,
             summary="Apply M-40 measures to an M-37, M-38 or M-39 case (credit record with the departments' notice "
                     "and publication, special funds, awards, project energy assessment)")
def apply_measures(case_id: str, cmd: commands.ApplyMeasures, _: MeasureDecider, uow: Uow) -> CaseDetail:
    return CaseDetail.of(cases.measures(case_id, cmd, uow))
