"""HTTP API of exit (M-18): the declaration, its report's due date and the recall of later vintages."""
from __future__ import annotations


from fastapi import APIRouter

from allocation.adapters.orm import EntityExitRow
from allocation.entrypoints.schemas import may_see
from allocation.service_layer import commands
from allocation.service_layer.exit import declare_exit
from ets_shared.auth import Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession
from allocation.entrypoints.dependencies import Uow
from allocation.entrypoints.schemas_exit import ExitPublic

router = APIRouter(tags=["exit and succession"])


@router.post("/entities/{entity_id}/exit", response_model=ExitPublic, status_code=201,
             summary="Declare the entity's exit (dissolution, deregistration, production stopped, moved out): its "
                     "current-year report falls due in 15 days and half the free allowances of later vintages are "
                     "recalled (M-18)")
def exit_(entity_id: str, cmd: commands.DeclareExit, caller: Caller, uow: Uow) -> ExitPublic:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.ENTITY) and caller.owns(entity_id))):
        raise Forbidden("the entity itself or the authority declares an exit", field="entity_id", article="M-18")
    return declare_exit(entity_id, cmd, uow)


@router.get("/entities/{entity_id}/exit", response_model=ExitPublic, summary="The entity's exit and recall (M-18)")
def get_exit(entity_id: str, session: ReadSession, caller: Caller) -> ExitPublic:
    may_see(caller, entity_id)
    row = session.get(EntityExitRow, entity_id)
    if row is None:
        raise NotFound(f"entity {entity_id} has not exited", field="entity_id")
    return ExitPublic.of(row)
