"""HTTP API of succession (M-10): merger and split plans, filed by a predecessor or the authority, approved by the
authority."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from allocation.adapters.orm import SuccessionRow
from allocation.service_layer import commands
from allocation.service_layer import succession
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.dependencies import Uow
from allocation.entrypoints.schemas_succession import SuccessionPublic

router = APIRouter(tags=["exit and succession"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


@router.post("/successions", response_model=SuccessionPublic, status_code=201,
             summary="File a merger or a split plan by emission facilities, accounting for 100 % of holdings and "
                     "obligations (M-10); a predecessor files its own, or the authority")
def file(cmd: commands.FileSuccession, caller: Caller, uow: Uow) -> SuccessionPublic:
    if caller.has(Role.AUTHORITY):
        return succession.file_succession(cmd, uow)
    if caller.has(Role.ENTITY):
        return succession.file_succession(cmd, uow, filing_entity=caller.party)
    raise Forbidden("a predecessor or the authority files a succession", article="M-10")


@router.post("/successions/{succession_id}/decision", response_model=SuccessionPublic,
             summary="Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)")
def decide_succession(succession_id: str, cmd: commands.DecideSuccession, _: Authority,
                      uow: Uow) -> SuccessionPublic:
    return succession.decide_succession(succession_id, cmd, uow)


@router.get("/successions/{succession_id}", response_model=SuccessionPublic, summary="One succession (M-10)")
def get_succession(succession_id: str, session: ReadSession, caller: Caller) -> SuccessionPublic:
    row = session.get(SuccessionRow, succession_id)
    if row is None:
        raise NotFound(f"no succession {succession_id}", field="succession_id")
    public = SuccessionPublic.of(row)
    if not (caller.has(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
            or (caller.has(Role.ENTITY) and public.concerns(caller.party_id or ""))):
        raise Forbidden("a succession is seen by the entities it concerns and the authority", field="succession_id")
    return public
