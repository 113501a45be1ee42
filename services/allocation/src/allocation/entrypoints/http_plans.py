"""HTTP API of the yearly cap and allocation plan (M-6, M-7, M-8, M-9). The authority only."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from allocation.adapters.repository import PlanRepository
from allocation.entrypoints.schemas import EntryPublic, PlanPublic
from allocation.service_layer import commands, handlers
from ets_shared.auth import Principal, Role
from ets_shared.bounds import Year
from ets_shared.http.dependencies import ReadSession, require
from allocation.entrypoints.dependencies import Uow

router = APIRouter(tags=["allocation plans"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


@router.post("/plans", response_model=PlanPublic, status_code=201, summary="Open the year's plan with its cap (M-6)")
def create(cmd: commands.CreatePlan, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.create_plan(cmd, uow))


@router.put("/plans/{compliance_year}/cap", response_model=PlanPublic,
            summary="Correct a draft plan's cap; its paid reserve follows (M-6, M-7, M-9)")
def change_cap(compliance_year: Year, cmd: commands.ChangeCap, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.change_cap(compliance_year, cmd, uow))


@router.get("/plans/{compliance_year}", response_model=PlanPublic,
            summary="The year's plan: cap, allocated and remaining (M-6, M-8)")
def get_plan(compliance_year: Year, session: ReadSession, _: Authority) -> PlanPublic:
    return PlanPublic.of(PlanRepository(session).get(compliance_year, [], lock=False))


@router.get("/plans/{compliance_year}/entries", response_model=list[EntryPublic],
            summary="The plan's entries with the inputs of their method (M-8)")
def entries(compliance_year: Year, session: ReadSession, _: Authority,
            offset: Annotated[int, Query(ge=0)] = 0,
            limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[EntryPublic]:
    PlanRepository(session).get(compliance_year, [], lock=False)
    return [EntryPublic.of(e) for e in PlanRepository(session).entries(compliance_year, offset, limit)]


@router.post("/plans/{compliance_year}/entries", response_model=PlanPublic, status_code=201,
             summary="Allocate to entities by the historical-emission or benchmark method, up to the cap (M-8, M-6)")
def add_entries(compliance_year: Year, cmd: commands.AddEntries, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.add_entries(compliance_year, cmd, uow))


@router.delete("/plans/{compliance_year}/entries/{entity_id}", response_model=PlanPublic,
               summary="Take an entity's entry out of a draft plan (M-7)")
def remove_entry(compliance_year: Year, entity_id: str, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.remove_entry(compliance_year, entity_id, uow))


@router.post("/plans/{compliance_year}/approval", response_model=PlanPublic, summary="Approve the plan (M-7)")
def approve(compliance_year: Year, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.approve_plan(compliance_year, uow))


@router.post("/plans/{compliance_year}/issuance", response_model=PlanPublic,
             summary="Issue the approved plan's allowances into the holding accounts (M-9, M-32)")
def issue(compliance_year: Year, _: Authority, uow: Uow) -> PlanPublic:
    return PlanPublic.of(handlers.issue_plan(compliance_year, uow))
