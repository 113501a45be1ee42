"""HTTP API of the exchange: members and comprehensive-membership applications (M-21, M-22)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from exchange.entrypoints.dependencies import Uow
from exchange.adapters.repository import MemberRepository
from exchange.service_layer import commands, handlers
from exchange.entrypoints.schemas import ApplicationPublic, MemberPublic

router = APIRouter(tags=["members"])
Operator = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR))]
OVERSEERS = (Role.EXCHANGE_OPERATOR, Role.AUTHORITY)


def _may_see(caller: Principal, member_id: str) -> None:
    if not (caller.has(*OVERSEERS) or (caller.has(Role.MEMBER) and caller.owns(member_id))):
        raise Forbidden("a member sees only its own record", field="member_id")


@router.get("/members", response_model=list[MemberPublic], summary="Exchange members (operator, authority)")
def list_members(session: ReadSession, _: Annotated[Principal, Depends(require(*OVERSEERS))],
                 offset: Annotated[int, Query(ge=0)] = 0,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[MemberPublic]:
    return [MemberPublic(**vars(m)) for m in MemberRepository(session).list(offset, limit)]


@router.get("/members/{member_id}", response_model=MemberPublic, summary="One member")
def get_member(member_id: str, session: ReadSession, caller: Caller) -> MemberPublic:
    _may_see(caller, member_id)
    return MemberPublic(**vars(MemberRepository(session).get(member_id)))


@router.post("/members", response_model=MemberPublic, status_code=201, summary="Admit a member (M-21)")
def admit(cmd: commands.AdmitMember, _: Operator, uow: Uow) -> MemberPublic:
    return MemberPublic(**vars(handlers.admit_member(cmd, uow)))


@router.post("/members/{member_id}/suspension", response_model=MemberPublic, summary="Suspend a member")
def suspend(member_id: str, cmd: commands.ChangeMemberStatus, _: Operator, uow: Uow) -> MemberPublic:
    return MemberPublic(**vars(handlers.change_status(member_id, cmd, True, uow)))


@router.post("/members/{member_id}/reinstatement", response_model=MemberPublic, summary="Reinstate a member")
def reinstate(member_id: str, cmd: commands.ChangeMemberStatus, _: Operator, uow: Uow) -> MemberPublic:
    return MemberPublic(**vars(handlers.change_status(member_id, cmd, False, uow)))


@router.post("/members/{member_id}/comprehensive-applications", response_model=ApplicationPublic,
             status_code=201, summary="Apply to become a comprehensive member (M-22)")
def apply(member_id: str, cmd: commands.ApplyForComprehensive, caller: Caller, uow: Uow) -> ApplicationPublic:
    if not (caller.has(Role.MEMBER) and caller.owns(member_id)):
        raise Forbidden("only the member itself may apply", field="member_id", article="M-22")
    return ApplicationPublic(**vars(handlers.apply(member_id, cmd, uow)))


@router.post("/comprehensive-applications/{application_id}/decision", response_model=ApplicationPublic,
             summary="Approve or reject an application")
def decide(application_id: str, cmd: commands.DecideApplication, _: Operator, uow: Uow) -> ApplicationPublic:
    return ApplicationPublic(**vars(handlers.decide(application_id, cmd, uow)))
