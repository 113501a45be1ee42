"""FastAPI dependencies every router of the exchange service shares: its unit of work, typed as this
service's (`Uow`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from ets_shared.http.dependencies import get_uow
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

Uow = Annotated[ExchangeUnitOfWork, Depends(get_uow)]
