"""HTTP API of succession (M-10): merger and split plans, filed by a predecessor or the authority, approved by the
authority."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from allocation.adapters.orm import SuccessionRow
from allocation.service_layer import commands
from allocation.service_layer.succession import decide_succession, file_succession
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, Uow, require

router = APIRouter(tags=["exit and succession"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


class SuccessionPublic(BaseModel):
    succession_id: str
    kind: str
    predecessor_ids: list[str]
    successor_id: str | None
    facilities: list[dict[str, Any]]
    effective_on: date
    statement: str
    status: str  # filed, approved or rejected
    filed_at: datetime
    filed_by: str
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    moved: dict[str, Any] | None  # the SUCCESSION transactions and the obligations passed on

    @classmethod
    def of(cls, row: SuccessionRow) -> SuccessionPublic:
        return cls(**row.model_dump(exclude={"predecessor_ids", "facilities", "moved", "correlation_id"}),
                   predecessor_ids=json.loads(row.predecessor_ids), facilities=json.loads(row.facilities),
                   moved=json.loads(row.moved) if row.moved else None)

    def concerns(self, entity_id: str) -> bool:
        return entity_id in self.predecessor_ids or entity_id == self.successor_id or any(
            f["successor_id"] == entity_id for f in self.facilities)


@router.post("/successions", response_model=SuccessionPublic, status_code=201,
             summary="File a merger or a split plan by emission facilities, accounting for 100 % of holdings and "
                     "obligations (M-10); a predecessor files its own, or the authority")
def file(cmd: commands.FileSuccession, caller: Caller, uow: Uow) -> SuccessionPublic:
    if caller.has(Role.AUTHORITY):
        return SuccessionPublic.of(file_succession(cmd, uow))
    if caller.has(Role.ENTITY):
        return SuccessionPublic.of(file_succession(cmd, uow, filing_entity=caller.party_id))
    raise Forbidden("a predecessor or the authority files a succession", article="M-10")


@router.post("/successions/{succession_id}/decision", response_model=SuccessionPublic,
             summary="Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)")
def decide(succession_id: str, cmd: commands.DecideSuccession, _: Authority, uow: Uow) -> SuccessionPublic:
    return SuccessionPublic.of(decide_succession(succession_id, cmd, uow))


@router.get("/successions/{succession_id}", response_model=SuccessionPublic, summary="One succession (M-10)")
def get(succession_id: str, session: ReadSession, caller: Caller) -> SuccessionPublic:
    row = session.get(SuccessionRow, succession_id)
    if row is None:
        raise NotFound(f"no succession {succession_id}", field="succession_id")
    public = SuccessionPublic.of(row)
    if not (caller.has(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
            or (caller.has(Role.ENTITY) and public.concerns(caller.party_id or ""))):
        raise Forbidden("a succession is seen by the entities it concerns and the authority", field="succession_id")
    return public
