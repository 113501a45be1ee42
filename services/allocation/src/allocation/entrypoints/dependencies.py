"""FastAPI dependencies every router of the allocation service shares: its unit of work, typed as this
service's (`Uow`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from ets_shared.http.dependencies import get_uow
from allocation.service_layer.unit_of_work import AllocationUnitOfWork

Uow = Annotated[AllocationUnitOfWork, Depends(get_uow)]
