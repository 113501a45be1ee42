"""HTTP API of the market's oversight (M-20, M-28, M-29): the operations desk's emergency measures and risk warnings,
large-holder reports, and the versions of the year's trading rules. The desk (`exchange_operator`) acts; the
authority reads everything; anyone else is refused (403)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import select

from ets_shared.auth import Principal, Role
from ets_shared.http.dependencies import ReadSession, require
from exchange.entrypoints.dependencies import RecordId, Uow
from exchange.adapters.orm import LargeHolderRow, MarketMeasureRow, RiskWarningRow
from exchange.service_layer import filings, risk
from exchange.service_layer import commands_oversight as commands
from exchange.entrypoints.schemas_risk import LargeHolderPublic, MeasurePublic, RulesVersionPublic, WarningPublic

router = APIRouter(tags=["oversight"])
Desk = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR))]
Overseers = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR, Role.AUTHORITY))]


Page = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


@router.post("/market-measures", response_model=MeasurePublic, status_code=201,
             summary="Halt a product or the market, or change a price or holding limit (M-29), reported at once")
def impose(cmd: commands.ImposeMeasure, _: Desk, uow: Uow) -> MeasurePublic:
    return risk.impose(cmd, uow)


@router.post("/market-measures/{measure_id}/lifting", response_model=MeasurePublic,
             summary="Lift a measure: the abnormal situation is over (M-29)")
def lift(measure_id: RecordId, cmd: commands.LiftMeasure, _: Desk, uow: Uow) -> MeasurePublic:
    return risk.lift(measure_id, cmd, uow)


@router.get("/market-measures", response_model=list[MeasurePublic], summary="Emergency measures (desk, authority)")
def measures(_: Overseers, session: ReadSession, active: bool | None = None, offset: Offset = 0,
             limit: Page = 100) -> list[MeasurePublic]:
    query = select(MarketMeasureRow).order_by(MarketMeasureRow.imposed_at, MarketMeasureRow.measure_id)
    if active is not None:
        query = query.where(MarketMeasureRow.active.is_(active))
    return [MeasurePublic.of(r) for r in session.execute(query.offset(offset).limit(limit)).scalars()]


@router.post("/risk-warnings", response_model=WarningPublic, status_code=201, summary="Issue a risk warning (M-28(3))")
def warn(cmd: commands.IssueWarning, _: Desk, uow: Uow) -> WarningPublic:
    return risk.warn(cmd, uow)


@router.get("/risk-warnings", response_model=list[WarningPublic], summary="Risk warnings (desk, authority)")
def warnings(_: Overseers, session: ReadSession, offset: Offset = 0,
             limit: Page = 100) -> list[WarningPublic]:
    query = select(RiskWarningRow).order_by(RiskWarningRow.issued_at, RiskWarningRow.warning_id)
    return [WarningPublic(**r.model_dump()) for r in session.execute(query.offset(offset).limit(limit)).scalars()]


@router.get("/large-holders", response_model=list[LargeHolderPublic],
            summary="Accounts at or above the large-holder threshold, and their reports (M-28(2))")
def large_holders(_: Overseers, session: ReadSession, offset: Offset = 0,
                  limit: Page = 100) -> list[LargeHolderPublic]:
    query = select(LargeHolderRow).where(LargeHolderRow.reports > 0).order_by(LargeHolderRow.trading_account_id)
    return [LargeHolderPublic(**r.model_dump()) for r in session.execute(query.offset(offset).limit(limit)).scalars()]


@router.get("/policy/{year}/versions", response_model=list[RulesVersionPublic],
            summary="Every filed version of the year's trading rules, fees and limits, with who and why (M-20)")
def rules_versions(year: Annotated[int, Path(ge=2013, le=2100)], _: Overseers,
                   session: ReadSession) -> list[RulesVersionPublic]:
    return filings.published_versions(session, year)
