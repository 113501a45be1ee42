"""HTTP API of the enforcement office: penalty cases (§8; M-37 to M-39, M-41, M-42), their step history (M-43) and
M-40 measures. Officers act; the authority sees everything and may apply M-40 measures; a party sees its own cases."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from ets_shared.auth import Principal, Role
from ets_shared.contracts.base import Money
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, Uow, require
from enforcement.adapters.repository import CaseRepository
from enforcement.domain import PenaltyCase
from enforcement.service_layer import commands, handlers

router = APIRouter(tags=["cases"])
Officer = Annotated[Principal, Depends(require(Role.ENFORCEMENT_OFFICER))]
MeasureDecider = Annotated[Principal, Depends(require(Role.ENFORCEMENT_OFFICER, Role.AUTHORITY))]
OVERSEERS = (Role.ENFORCEMENT_OFFICER, Role.AUTHORITY)
OWN_KIND = {Role.ENTITY: "covered_entity", Role.AGENCY: "agency", Role.EXCHANGE_OPERATOR: "exchange"}


class CasePublic(BaseModel):
    case_id: str
    article: str
    party_kind: str
    party_id: str
    compliance_year: int | None
    status: str
    closure: str | None
    opened_at: datetime
    source: str
    source_ref: str | None
    allegation: str
    order_kind: str
    order_detail: str
    order_issued_at: datetime | None
    order_deadline: date | None
    overdue_at: datetime | None
    complied_at: datetime | None
    shortfall_tonnes: int | None
    outstanding_tonnes: int | None
    fine_amount: Money | None
    fine_reasons: str | None
    fine_decided_at: datetime | None
    fine_declined_at: datetime | None
    fine_paid: bool
    fine_paid_at: datetime | None
    fine_window_end: date | None
    measures_applied: list[str]
    closed_at: datetime | None


class StepPublic(BaseModel):
    at: datetime
    kind: str
    actor: str
    detail: str


class MeasurePublic(BaseModel):
    kind: str
    effect: str
    article: str
    departments: list[str]
    from_year: int | None
    to_year: int | None
    decided_at: datetime
    detail: str


class CaseDetail(CasePublic):
    history: list[StepPublic]
    measures: list[MeasurePublic]


def _public(case: PenaltyCase) -> CasePublic:
    return CasePublic.model_validate({**vars(case), "fine_paid": case.fine_paid_at is not None})


def _detail(case: PenaltyCase, repo: CaseRepository) -> CaseDetail:
    measures = [MeasurePublic(**{**r.model_dump(), "departments": r.departments.split(",")})
                for r in repo.measures(case.case_id)]
    return CaseDetail(**_public(case).model_dump(), history=[StepPublic(**vars(s)) for s in case.history],
                      measures=measures)


def _own_scope(caller: Principal) -> tuple[str | None, str]:
    """(party_id, party_kind) a party caller is confined to; the exchange operator answers for the exchange."""
    if caller.role not in OWN_KIND:
        raise Forbidden(f"role '{caller.role.value}' sees no enforcement cases")
    return (None if caller.has(Role.EXCHANGE_OPERATOR) else caller.party_id), OWN_KIND[caller.role]


def _may_see(caller: Principal, case: PenaltyCase) -> None:
    if caller.has(*OVERSEERS):
        return
    party_id, kind = _own_scope(caller)
    if case.party_kind.value != kind or party_id not in (None, case.party_id):
        raise Forbidden("a party sees only its own cases", field="case_id")


@router.get("/cases", response_model=list[CasePublic],
            summary="Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)")
def list_cases(session: ReadSession, caller: Caller, party_id: str | None = None,
               article: commands.ArticleCode | None = None, status: commands.CaseStatusCode | None = None,
               compliance_year: int | None = None, offset: Annotated[int, Query(ge=0)] = 0,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[CasePublic]:
    kind = None
    if not caller.has(*OVERSEERS):
        own, kind = _own_scope(caller)
        if own is not None and party_id not in (None, own):
            raise Forbidden("a party sees only its own cases", field="party_id")
        party_id = own or party_id
    cases = CaseRepository(session).list(party_id=party_id, party_kind=kind, article=article, status=status,
                                         compliance_year=compliance_year, offset=offset, limit=limit)
    return [_public(c) for c in cases]


@router.get("/cases/{case_id}", response_model=CaseDetail, summary="A case with its full step history (M-43)")
def get_case(case_id: str, session: ReadSession, caller: Caller) -> CaseDetail:
    repo = CaseRepository(session)
    case = repo.get(case_id)
    _may_see(caller, case)
    return _detail(case, repo)


def _after(case: PenaltyCase, session) -> CaseDetail:  # noqa: ANN001 - read after the command committed
    return _detail(case, CaseRepository(session))


@router.post("/cases", response_model=CaseDetail, status_code=201,
             summary="Open a case (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at once")
def open_case(cmd: commands.OpenCase, _: Officer, uow: Uow, session: ReadSession) -> CaseDetail:
    return _after(handlers.open_by_officer(cmd, uow), session)


@router.post("/cases/{case_id}/order", response_model=CaseDetail,
             summary="Order to correct by a deadline (责令限期改正, M-37, M-38 ¶1) or to surrender (M-39)")
def order(case_id: str, cmd: commands.IssueOrder, _: Officer, uow: Uow, session: ReadSession) -> CaseDetail:
    return _after(handlers.order(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/penalty", response_model=CaseDetail,
             summary="Decide the fine within the article's inclusive range (M-37 to M-42, M-44)")
def decide_penalty(case_id: str, cmd: commands.DecidePenalty, _: Officer, uow: Uow,
                   session: ReadSession) -> CaseDetail:
    return _after(handlers.decide_penalty(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/penalty/decline", response_model=CaseDetail,
             summary="Decide not to fine (M-39 only: the fine is optional; the surrender is not)")
def decline_penalty(case_id: str, cmd: commands.DeclinePenalty, _: Officer, uow: Uow,
                    session: ReadSession) -> CaseDetail:
    return _after(handlers.decline_penalty(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/payment", response_model=CaseDetail,
             summary="Record the fine paid in full (officer; it never replaces an M-39 surrender)")
def record_payment(case_id: str, cmd: commands.RecordPayment, _: Officer, uow: Uow,
                   session: ReadSession) -> CaseDetail:
    return _after(handlers.pay(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/correction", response_model=CaseDetail,
             summary="Record the violation corrected (M-37, M-38, M-41, M-42); in time closes M-37 / M-38 ¶1")
def record_correction(case_id: str, cmd: commands.RecordCorrection, _: Officer, uow: Uow,
                      session: ReadSession) -> CaseDetail:
    return _after(handlers.correct(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/dismissal", response_model=CaseDetail,
             summary="Dismiss: violation not established (before any fine is decided)")
def dismiss(case_id: str, cmd: commands.Dismiss, _: Officer, uow: Uow, session: ReadSession) -> CaseDetail:
    return _after(handlers.dismiss_case(case_id, cmd, uow), session)


@router.post("/cases/{case_id}/measures", response_model=CaseDetail,
             summary="Apply M-40 measures to an M-37, M-38 or M-39 case (credit record, departments notified, "
                     "special fund, awards, project energy assessment)")
def apply_measures(case_id: str, cmd: commands.ApplyMeasures, _: MeasureDecider, uow: Uow,
                   session: ReadSession) -> CaseDetail:
    case, _made = handlers.measures(case_id, cmd, uow)
    return _after(case, session)
