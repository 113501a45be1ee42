"""The department query API (M-40): the other government systems ask what the measures in force mean for an
entity, each with its own role and each seeing only what concerns it; every answer names the cases behind it.

| question | who may ask |
| --- | --- |
| may the entity receive energy-saving special funds in year Y? (M-40(2)) | finance, credit_platform |
| is it barred from energy-saving awards on day D? (M-40(2)) | finance, credit_platform |
| may its new project's energy assessment be accepted in year Y? (M-40(3)) | project_approval, credit_platform |
| its credit records (M-40(1)) | credit_platform, market_regulation, tax, finance |
The authority and enforcement officers may ask all of them."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from ets_shared.auth import Principal, Role
from ets_shared.http.dependencies import ReadSession, require
from enforcement.entrypoints.schemas import CaseBehind, CreditRecords, DepartmentAnswer
from enforcement.service_layer import disclosure

router = APIRouter(tags=["departments"])
_STAFF = (Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
Funds = Annotated[Principal, Depends(require(Role.FINANCE, Role.CREDIT_PLATFORM, *_STAFF))]
Projects = Annotated[Principal, Depends(require(Role.PROJECT_APPROVAL, Role.CREDIT_PLATFORM, *_STAFF))]
Credit = Annotated[Principal, Depends(require(Role.CREDIT_PLATFORM, Role.MARKET_REGULATION, Role.TAX, Role.FINANCE,
                                              *_STAFF))]
EntityId = Annotated[str, Path(min_length=1, max_length=64)]
Year = Annotated[int, Query(ge=2013, le=2100)]
On = Annotated[date | None, Query(description="Shanghai date; default: today (the regulatory clock)")]


@router.get("/entities/{entity_id}/special-fund-eligibility", response_model=DepartmentAnswer,
            summary="May the entity receive energy-saving special funds in the year? (M-40(2))")
def special_funds(entity_id: EntityId, year: Year, _: Funds, session: ReadSession) -> DepartmentAnswer:
    return DepartmentAnswer.of(entity_id, "special_funds", disclosure.special_funds(session, entity_id, year),
                               year=year)


@router.get("/entities/{entity_id}/award-eligibility", response_model=DepartmentAnswer,
            summary="May the entity take part in energy-saving advanced-unit awards on the day? (M-40(2))")
def awards(entity_id: EntityId, _: Funds, session: ReadSession, on: On = None) -> DepartmentAnswer:
    day = on or disclosure.today(session)
    return DepartmentAnswer.of(entity_id, "awards", disclosure.awards(session, entity_id, day), on=day)


@router.get("/entities/{entity_id}/project-assessment", response_model=DepartmentAnswer,
            summary="May the energy assessment of the entity's new fixed-asset project be accepted in the year? "
                    "(M-40(3))")
def project_assessment(entity_id: EntityId, year: Year, _: Projects, session: ReadSession) -> DepartmentAnswer:
    return DepartmentAnswer.of(entity_id, "project_assessment",
                               disclosure.project_assessment(session, entity_id, year), year=year)


@router.get("/entities/{entity_id}/credit-records", response_model=CreditRecords,
            summary="The entity's credit records (M-40(1)): in force on the day, or all with `all=true`")
def credit_records(entity_id: EntityId, _: Credit, session: ReadSession, on: On = None,
                   all: bool = False) -> CreditRecords:  # noqa: A002 - the query parameter's name
    day = None if all else on or disclosure.today(session)
    return CreditRecords(entity_id=entity_id, on=day,
                         records=[CaseBehind.of(m) for m in disclosure.credit_records(session, entity_id, day)])
