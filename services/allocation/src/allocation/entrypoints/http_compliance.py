"""HTTP API of obligations and surrender (M-15, M-16, M-17; shortfall, docs/rules.md §5)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from allocation.adapters.obligations import ObligationRepository, SurrenderRepository
from allocation.adapters.repository import EntityRepository
from allocation.domain import ObligationStatus
from allocation.entrypoints.schemas import (
    SUPERVISORS, ObligationPublic, SurrenderPublic, SurrenderRecordPublic, may_see,
)
from allocation.service_layer import commands
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.bounds import Year
from ets_shared.http.dependencies import Caller, ReadSession, context_for, require
from ets_shared.http.direct_route import DirectRoute

# DirectRoute: a surrender, one request per entity and the bench's biggest stage, is answered without FastAPI's
# general dependency solving (the routes of other shapes here are FastAPI's as before)
router = APIRouter(tags=["obligations and surrender"], route_class=DirectRoute)


@router.post("/entities/{entity_id}/surrenders", response_model=SurrenderPublic, status_code=201,
             summary="Surrender allowances (vintage <= year) and CCERs (<= the M-17 limit) against the year's "
                     "obligation; they are cancelled in the registry (M-16, M-17)")
async def surrender(entity_id: str, cmd: commands.Surrender, caller: Caller, request: Request) -> SurrenderPublic:
    """Surrenders that arrive together are applied together, in one transaction; each is answered once it is
    committed, and a refused one is refused alone."""
    if not (caller.has(Role.ENTITY) and caller.owns(entity_id)):
        raise Forbidden("only the entity itself surrenders its units", field="entity_id", article="M-16")
    answer = await request.app.state.runtime.surrenders.answer((entity_id, cmd, context_for(request, caller)))
    return SurrenderPublic.of(*answer)


@router.get("/entities/{entity_id}/surrenders", response_model=list[SurrenderRecordPublic],
            summary="The entity's surrenders, optionally of one compliance year (M-16)")
def surrenders(entity_id: str, session: ReadSession, caller: Caller,
               compliance_year: Year | None = None) -> list[SurrenderRecordPublic]:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return [SurrenderRecordPublic.of(r) for r in SurrenderRepository(session).list(entity_id, compliance_year)]


@router.get("/entities/{entity_id}/obligations/{compliance_year}", response_model=ObligationPublic,
            summary="The entity's obligation for the year: determined emissions, surrendered, status (M-16)")
def obligation(entity_id: str, compliance_year: Year, session: ReadSession, caller: Caller) -> ObligationPublic:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return ObligationPublic.of(ObligationRepository(session).row(entity_id, compliance_year))


@router.get("/obligations", response_model=list[ObligationPublic],
            summary="Obligations by year and status, e.g. the shortfalls of a year (M-16, M-39)")
def obligations(session: ReadSession, _: Annotated[Principal, Depends(require(*SUPERVISORS))],
                compliance_year: Year | None = None, status: ObligationStatus | None = None,
                offset: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[ObligationPublic]:
    rows = ObligationRepository(session).list(compliance_year, status, offset, limit)
    return [ObligationPublic.of(r) for r in rows]
