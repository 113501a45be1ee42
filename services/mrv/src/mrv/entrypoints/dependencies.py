"""FastAPI dependencies every router of the mrv service shares: its unit of work, typed as this
service's (`Uow`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from ets_shared.http.dependencies import get_uow
from mrv.service_layer.unit_of_work import MrvUnitOfWork

Uow = Annotated[MrvUnitOfWork, Depends(get_uow)]
