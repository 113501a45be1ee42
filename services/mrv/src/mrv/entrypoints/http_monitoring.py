"""HTTP API of monitoring plans (M-11): a covered entity files its plan for a year and new versions of it; the
authority sees every plan and who has not filed."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from mrv.entrypoints.dependencies import Uow
from mrv.adapters.monitoring_repository import MonitoringPlanRepository
from mrv.entrypoints.schemas import MonitoringPlanPublic, PlanNotFiledPublic
from mrv.service_layer import commands, monitoring
from mrv.adapters.policy_repository import load_mrv_policy

router = APIRouter(tags=["monitoring plans"])
Entity = Annotated[Principal, Depends(require(Role.ENTITY))]
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Year = Annotated[int, Query(ge=2013, le=2100)]


@router.post("/monitoring-plans", response_model=MonitoringPlanPublic, status_code=201,
             summary="File the monitoring plan for a year (M-11), due 31 December of the year before")
def file_plan(cmd: commands.FileMonitoringPlan, caller: Entity, uow: Uow) -> MonitoringPlanPublic:
    plan, _ = monitoring.file_plan(caller.party, cmd, uow)
    return MonitoringPlanPublic.of(plan)


@router.put("/monitoring-plans/{plan_id}", response_model=MonitoringPlanPublic,
            summary="A new version of the plan with the reason for the change; mark a major change (M-11 ¶2)")
def revise_plan(plan_id: str, cmd: commands.ReviseMonitoringPlan, caller: Entity,
                uow: Uow) -> MonitoringPlanPublic:
    plan, _ = monitoring.revise_plan(plan_id, caller.party, cmd, uow)
    return MonitoringPlanPublic.of(plan)


@router.get("/monitoring-plans/missing", response_model=list[PlanNotFiledPublic],
            summary="Covered entities owing a plan for the year that have filed none (M-11; the authority)")
def not_filed(compliance_year: Year, _: Authority, session: ReadSession,
              offset: Annotated[int, Query(ge=0)] = 0,
              limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[PlanNotFiledPublic]:
    due_on = load_mrv_policy(session, compliance_year).monitoring_plan_due
    return [PlanNotFiledPublic(entity_id=entity_id, compliance_year=compliance_year, due_on=due_on,
                               missing_at=row.missing_at if row is not None else None)
            for entity_id, row in MonitoringPlanRepository(session).not_filed(compliance_year, offset, limit)]


@router.get("/monitoring-plans", response_model=list[MonitoringPlanPublic],
            summary="Monitoring plans with every version (the authority: all; an entity: its own)")
def list_plans(caller: Caller, session: ReadSession, entity_id: str | None = None,
               compliance_year: Annotated[int | None, Query(ge=2013, le=2100)] = None,
               offset: Annotated[int, Query(ge=0)] = 0,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[MonitoringPlanPublic]:
    if not caller.has(Role.AUTHORITY):
        if not caller.has(Role.ENTITY) or entity_id not in (None, caller.party_id):
            raise Forbidden("an entity sees only its own monitoring plans", field="entity_id", article="M-11")
        entity_id = caller.party_id
    plans = MonitoringPlanRepository(session).list(entity_id=entity_id, year=compliance_year, offset=offset,
                                                   limit=limit)
    return [MonitoringPlanPublic.of(p) for p in plans]
