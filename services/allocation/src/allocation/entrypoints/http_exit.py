"""HTTP API of exit (M-18): the declaration, its report's due date and the recall of later vintages."""
from __future__ import annotations

import json
from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel

from allocation.adapters.orm import EntityExitRow
from allocation.entrypoints.public import may_see
from allocation.service_layer import commands
from allocation.service_layer.exit import declare_exit
from ets_shared.auth import Role
from ets_shared.contracts.allocation import RecalledVintage
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, Uow

router = APIRouter(tags=["exit and succession"])


class ExitPublic(BaseModel):
    entity_id: str
    reason: str
    exit_on: date
    compliance_year: int  # the exit's year: its report, determination and surrender (M-18)
    report_due_on: date  # the last day of the exit report (inclusive)
    declared_at: datetime
    declared_by: str
    recall_transaction_id: str | None
    recall: list[RecalledVintage]  # per later vintage: issued free, due (ROUND_HALF_UP), recalled, unrecovered

    @classmethod
    def of(cls, row: EntityExitRow) -> ExitPublic:
        return cls(entity_id=row.entity_id, reason=row.reason, exit_on=row.exit_on,
                   compliance_year=row.exit_on.year, report_due_on=row.report_due_on, declared_at=row.declared_at,
                   declared_by=row.declared_by, recall_transaction_id=row.recall_transaction_id,
                   recall=[RecalledVintage(**ln) for ln in json.loads(row.recall)])


@router.post("/entities/{entity_id}/exit", response_model=ExitPublic, status_code=201,
             summary="Declare the entity's exit (dissolution, deregistration, production stopped, moved out): its "
                     "current-year report falls due in 15 days and half the free allowances of later vintages are "
                     "recalled (M-18)")
def exit_(entity_id: str, cmd: commands.DeclareExit, caller: Caller, uow: Uow) -> ExitPublic:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.ENTITY) and caller.owns(entity_id))):
        raise Forbidden("the entity itself or the authority declares an exit", field="entity_id", article="M-18")
    return ExitPublic.of(declare_exit(entity_id, cmd, uow))


@router.get("/entities/{entity_id}/exit", response_model=ExitPublic, summary="The entity's exit and recall (M-18)")
def get_exit(entity_id: str, session: ReadSession, caller: Caller) -> ExitPublic:
    may_see(caller, entity_id)
    row = session.get(EntityExitRow, entity_id)
    if row is None:
        raise NotFound(f"entity {entity_id} has not exited", field="entity_id")
    return ExitPublic.of(row)
