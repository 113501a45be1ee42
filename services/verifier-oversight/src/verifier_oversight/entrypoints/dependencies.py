"""What every router of the service shares: its unit of work typed as this service's (`Uow`), roles, parameters
(bounds on every path and query value) and access checks."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import get_uow, require
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

Uow = Annotated[OversightUnitOfWork, Depends(get_uow)]
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Panel = Annotated[Principal, Depends(require(Role.AUTHORITY, Role.PANEL_EXPERT))]
Page = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Year = Annotated[int, Path(ge=2013, le=2100, description="Compliance year whose reports are verified")]
YearQuery = Annotated[int, Query(ge=2013, le=2100, description="Compliance year whose reports are verified")]
IdPath = Annotated[str, Path(min_length=1, max_length=64)]


def may_see_agency(caller: Principal, agency_id: str) -> None:
    if not (caller.has(Role.AUTHORITY, Role.PANEL_EXPERT) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("an agency sees only its own record", field="agency_id", article="V")


def authority_or_itself(caller: Principal, agency_id: str, action: str) -> None:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden(f"only the authority or agency {agency_id} itself may {action}", field="agency_id",
                        article="V")
