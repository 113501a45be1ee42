"""HTTP API of coverage (M-5, M-12 ¶2): voluntary applications and the authority's decision, the emissions the
authority knows, and each year's list — drafted, published, and readable by anyone without a token."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from allocation.adapters.coverage_repository import ApplicationRepository, CoveredListRepository, EmissionsRepository
from allocation.adapters.repository import EntityRepository
from allocation.entrypoints.schemas import may_see
from allocation.entrypoints.schemas_coverage import (
    ApplicationPublic, CoveredListPublic, KnownEmissionsPublic, ListDraftPublic, ListedEntityPublic,
    ListVersionPublic,
)
from allocation.service_layer import commands, handlers
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.bounds import Offset
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.dependencies import Uow

router = APIRouter(tags=["coverage (M-5)"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Applicant = Annotated[Principal, Depends(require(Role.ENTITY))]
Year = Annotated[int, Path(ge=2013, le=2100)]


@router.post("/coverage-applications", response_model=ApplicationPublic, status_code=201,
             summary="Apply to be covered voluntarily from a year (M-5 ¶1); the caller is the organisation")
def file_application(cmd: commands.FileCoverageApplication, caller: Applicant, uow: Uow) -> ApplicationPublic:
    return ApplicationPublic.of(handlers.file_application(caller.party, cmd, uow))


@router.get("/coverage-applications", response_model=list[ApplicationPublic],
            summary="Voluntary applications (the authority: all; an organisation: its own)")
def list_applications(caller: Caller, session: ReadSession, entity_id: str | None = None,
                      status: Literal["pending", "approved", "rejected"] | None = None,
                      compliance_year: Annotated[int | None, Query(ge=2013, le=2100)] = None,
                      offset: Offset = 0,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[ApplicationPublic]:
    if not caller.has(Role.AUTHORITY):
        if not caller.has(Role.ENTITY) or entity_id not in (None, caller.party_id):
            raise Forbidden("an organisation sees only its own applications", field="entity_id", article="M-5")
        entity_id = caller.party_id
    rows = ApplicationRepository(session).list(entity_id=entity_id, status=status, year=compliance_year,
                                               offset=offset, limit=limit)
    return [ApplicationPublic.of(a) for a in rows]


@router.post("/coverage-applications/{application_id}/decision", response_model=ApplicationPublic,
             summary="Approve (the organisation is covered from the year, with its holding account) or reject a "
                     "voluntary application, with reasons (M-5 ¶1)")
def decide_application(application_id: str, cmd: commands.DecideCoverageApplication, _: Authority,
                         uow: Uow) -> ApplicationPublic:
    return ApplicationPublic.of(handlers.decide_application(application_id, cmd, uow))


@router.post("/entities/{entity_id}/emissions", response_model=KnownEmissionsPublic, status_code=201,
             summary="Record an emitter's annual emissions from the authority's own data (the base of the M-5 list)")
def declare(entity_id: str, cmd: commands.DeclareEmissions, _: Authority, uow: Uow) -> KnownEmissionsPublic:
    return KnownEmissionsPublic.of(handlers.declare_emissions(entity_id, cmd, uow))


@router.get("/entities/{entity_id}/emissions", response_model=list[KnownEmissionsPublic],
            summary="The annual emissions the authority knows for an emitter: declared, reported or determined")
def known_emissions(entity_id: str, caller: Caller, session: ReadSession) -> list[KnownEmissionsPublic]:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return [KnownEmissionsPublic.of(k) for k in EmissionsRepository(session).of(entity_id)]


@router.get("/covered-lists/{compliance_year}/draft", response_model=ListDraftPublic,
            summary="What publishing the year's list would do: the year's thresholds applied to the emissions "
                    "known (M-5)")
def draft(compliance_year: Year, _: Authority, session: ReadSession) -> ListDraftPublic:
    return ListDraftPublic.of(handlers.preview_list(compliance_year, session))


@router.post("/covered-lists/{compliance_year}/publication", response_model=ListVersionPublic, status_code=201,
             summary="Apply the year's thresholds and publish the year's list of covered entities (M-5 ¶2)")
def publish(compliance_year: Year, _: Authority, uow: Uow) -> ListVersionPublic:
    header, _draft = handlers.publish_list(compliance_year, uow)
    return ListVersionPublic.of(header)


@router.get("/public/covered-lists", response_model=list[ListVersionPublic], tags=["public"],
            summary="Every published list of covered entities, by year and version (M-5 ¶2; no token)")
def published(session: ReadSession) -> list[ListVersionPublic]:
    return [ListVersionPublic.of(row) for row in CoveredListRepository(session).published()]


@router.get("/public/covered-lists/{compliance_year}", response_model=CoveredListPublic, tags=["public"],
            summary="The published list of entities covered for a year — its latest version unless one is named "
                    "(M-5 ¶2; no token)")
def covered_list(compliance_year: Year, session: ReadSession,
                 version: Annotated[int | None, Query(ge=1, le=10_000)] = None, offset: Offset = 0,
                 limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> CoveredListPublic:
    lists = CoveredListRepository(session)
    header = lists.latest(compliance_year, version)
    if header is None:
        raise NotFound(f"no published list for {compliance_year}" + (f" version {version}" if version else ""),
                       field="version" if version else "compliance_year")
    return CoveredListPublic(**ListVersionPublic.of(header).model_dump(), offset=offset,
                             entities=[ListedEntityPublic.of(r)
                                       for r in lists.entries(compliance_year, header.version, offset, limit)])
