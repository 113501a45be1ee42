"""Public disclosure (M-40(1): "通过政府网站或者媒体向社会公布"): the violations established by a decision that
stands and the measures in force, open to anyone — no token."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from ets_shared.bounds import Limit, Offset
from ets_shared.http.dependencies import ReadSession
from enforcement.entrypoints.schemas import MeasurePublic, PublicViolation
from enforcement.service_layer import disclosure

router = APIRouter(tags=["public"])
On = Annotated[date | None, Query(description="Shanghai date; default: today (the regulatory clock)")]


@router.get("/public/violations", response_model=list[PublicViolation],
            summary="Violations in their publicity period on the day: a penalty decision that stands, or an M-40 "
                    "publication in force (no token)")
def violations(session: ReadSession, on: On = None, offset: Offset = 0, limit: Limit = 100) -> list[PublicViolation]:
    day = on or disclosure.today(session)
    return [PublicViolation(**{**vars(v), "measures_in_force": [MeasurePublic.of(m) for m in v.measures_in_force]})
            for v in disclosure.public_violations(session, day, offset, limit)]


@router.get("/public/measures", response_model=list[MeasurePublic],
            summary="M-40 measures in force on the day (no token)")
def measures(session: ReadSession, on: On = None, offset: Offset = 0, limit: Limit = 100) -> list[MeasurePublic]:
    day = on or disclosure.today(session)
    return [MeasurePublic.of(m) for m in disclosure.measures_in_force(session, day, offset, limit)]
