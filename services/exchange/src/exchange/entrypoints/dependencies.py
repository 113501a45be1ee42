"""FastAPI dependencies every router of the exchange service shares: its unit of work, typed as this
service's (`Uow`), and the identifiers in paths."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from ets_shared.http.dependencies import get_uow
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

Uow = Annotated[ExchangeUnitOfWork, Depends(get_uow)]

# identifiers in paths, bounded as the records' columns are
AccountId = Annotated[str, Path(min_length=1, max_length=80)]
RecordId = Annotated[str, Path(min_length=1, max_length=64)]
ProductId = Annotated[str, Path(min_length=1, max_length=32)]
