"""FastAPI dependencies every router of the enforcement service shares: its unit of work, typed as this
service's (`Uow`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from ets_shared.http.dependencies import get_uow
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

Uow = Annotated[EnforcementUnitOfWork, Depends(get_uow)]
