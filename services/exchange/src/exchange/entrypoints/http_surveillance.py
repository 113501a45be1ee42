"""Surveillance alerts (M-24) for the exchange's operations desk and the authority: by pattern and trading date."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import NotFound
from ets_shared.http.dependencies import ReadSession, require
from exchange.adapters.market_store import MarketStore
from exchange.adapters.orm import SurveillanceAlertRow
from exchange.entrypoints.dependencies import RecordId
from exchange.entrypoints.schemas_surveillance import AlertPublic

router = APIRouter(prefix="/surveillance", tags=["surveillance"])
Overseer = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR, Role.AUTHORITY))]
Pattern = Literal["wash_trade", "layering", "marking_the_close"]


@router.get("/alerts", response_model=list[AlertPublic], summary="Surveillance alerts (operator, authority)")
def alerts(session: ReadSession, _: Overseer, pattern: Pattern | None = None,
           start: Annotated[date | None, Query(description="first trading date (inclusive)")] = None,
           end: Annotated[date | None, Query(description="last trading date (inclusive)")] = None,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[AlertPublic]:
    return [AlertPublic.of(a) for a in MarketStore(session).alerts(pattern, start, end, offset, limit)]


@router.get("/alerts/{alert_id}", response_model=AlertPublic, summary="One alert with its evidence")
def alert(alert_id: RecordId, session: ReadSession, _: Overseer) -> AlertPublic:
    row = session.get(SurveillanceAlertRow, alert_id)
    if row is None:
        raise NotFound(f"no alert {alert_id}", field="alert_id")
    return AlertPublic.of(row)
