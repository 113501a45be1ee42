"""The operability routes every service has: `GET /metrics` (Prometheus) and `GET /timeline` (its part of a case's
timeline, `observability.timeline`).

Who may read them:
- `/metrics` answers without a token, as Prometheus scrapes it: on the service's own port, inside the deployment's
  network (docker-compose and k8s publish no metrics port of their own). It holds counts and latencies only — no
  party, no case, no correlation id.
- `/timeline` is the supervisors' (authority, enforcement officer), like `/audit`: it shows what every party did.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at run time.
"""

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy import func, select

from ets_shared.auth import Principal, Role
from ets_shared.bounds import Identifier, Limit, Year, text
from ets_shared.errors import DomainError
from ets_shared.http.dependencies import ReadSession, get_runtime, require
from ets_shared.observability.metrics import CONTENT_TYPE_LATEST
from ets_shared.observability.timeline import MAX_CORRELATION_IDS, ServiceTimeline
from ets_shared.observability.timeline_queries import correlation_ids_for, service_timeline
from ets_shared.persistence.tables import DeadLetter

Supervisor = Annotated[Principal, Depends(require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER))]
CorrelationIds = Annotated[list[text(100)] | None, Query(  # type: ignore[valid-type,misc]  # text() is a run-time type
    max_length=MAX_CORRELATION_IDS, description=f"a case's correlation id (repeat for several, at most "
                                                f"{MAX_CORRELATION_IDS})")]


class TimelineQueryInvalid(DomainError):
    status = 422
    code = "validation-error"
    title = "The request is not valid"


def operability_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/metrics", response_class=Response, summary="Prometheus metrics (text exposition format)",
                responses={200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {"schema": {"type": "string"}}},
                                 "description": "the service's metrics (README: Operability)"}})
    async def metrics(runtime: Annotated[Any, Depends(get_runtime)]) -> Response:
        backlog = await runtime.backlog()

        def dead_letters() -> dict[str, int]:
            with runtime.read_session_factory() as session:
                rows = session.execute(select(DeadLetter.replayed_at.is_(None), func.count())
                                       .group_by(DeadLetter.replayed_at.is_(None))).all()
                session.rollback()
            counts = {"waiting": 0, "replayed": 0}
            for waiting, count in rows:
                counts["waiting" if waiting else "replayed"] += count
            return counts

        runtime.metrics.update_state(backlog, await asyncio.to_thread(dead_letters))
        return Response(runtime.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    @router.get("/timeline", response_model=ServiceTimeline,
                summary="This service's part of a compliance case's timeline: events published and consumed, audit "
                        "records — for correlation ids, or for an entity and a compliance year")
    def timeline(_: Supervisor, session: ReadSession, runtime: Annotated[Any, Depends(get_runtime)],
                 correlation_id: CorrelationIds = None,  # type: ignore[valid-type]  # text() is a run-time type
                 entity_id: Annotated[Identifier | None, Query(description="with `year`: the entity's case")] = None,
                 year: Annotated[Year | None, Query(description="with `entity_id`: the compliance year")] = None,
                 limit: Limit = 1000) -> ServiceTimeline:
        if correlation_id and (entity_id or year is not None):
            raise TimelineQueryInvalid("ask by correlation_id, or by entity_id and year, not both",
                                       field="correlation_id")
        if not correlation_id:
            if entity_id is None:
                raise TimelineQueryInvalid("give correlation_id, or entity_id and year", field="entity_id")
            if year is None:
                raise TimelineQueryInvalid("an entity's case is asked for by entity_id and year", field="year")
            correlation_id = correlation_ids_for(session, entity_id, year)
        return service_timeline(session, runtime.definition.name, correlation_id, limit)

    return router
