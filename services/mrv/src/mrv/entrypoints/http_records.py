"""HTTP API of the mrv's records: determinations (M-15) and imports of earlier years. Who may sign verification work:
`entrypoints.http_signatories`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require
from mrv.entrypoints.dependencies import Uow
from mrv.adapters.determinations import DeterminationRecords
from mrv.entrypoints.schemas import DeterminationPublic
from mrv.service_layer import commands, reports

router = APIRouter(tags=["determinations"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


@router.get("/entities/{entity_id}/determinations/{compliance_year}", response_model=DeterminationPublic,
            summary="The latest determination of an entity-year (M-15); an imported figure if only that exists")
def latest_determination(entity_id: str, compliance_year: int, caller: Caller,
                         session: ReadSession) -> DeterminationPublic:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.ENTITY) and caller.owns(entity_id))):
        raise Forbidden("only the authority and the entity itself may read its determinations", field="entity_id",
                        article="M-15")
    records = DeterminationRecords(session)
    own = records.latest(entity_id, compliance_year)
    if own is not None:
        return DeterminationPublic.of(own)
    imported = records.historical(entity_id, compliance_year)
    if imported is None:
        raise NotFound(f"{compliance_year} of {entity_id} has not been determined", field="compliance_year")
    return DeterminationPublic.imported(imported)


@router.get("/determinations", response_model=list[DeterminationPublic],
            summary="Determinations of a year, every revision (authority, M-15)")
def list_determinations(_: Authority, session: ReadSession, compliance_year: int | None = None,
                        offset: Annotated[int, Query(ge=0)] = 0,
                        limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[DeterminationPublic]:
    return [DeterminationPublic.of(d) for d in DeterminationRecords(session).list(compliance_year, offset, limit)]


@router.post("/determinations/historical", response_model=DeterminationPublic, status_code=201,
             summary="Import an earlier year's determined emissions from the legacy system (for M-15 ¶2(2))")
def import_historical(cmd: commands.ImportHistoricalDetermination, _: Authority, uow: Uow) -> DeterminationPublic:
    return DeterminationPublic.imported(reports.import_historical(cmd, uow))
