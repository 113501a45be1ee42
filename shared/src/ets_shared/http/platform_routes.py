"""Routes every service has: health, readiness, its regulatory clock, its audit trail, its dead letters, and its
per-year policy parameters (stored and loaded by `ets_shared.persistence.policy`). The domain routes of each service
live in its `entrypoints/http*.py`.

No `from __future__ import annotations` here: `policy_router` builds its endpoints around a model chosen at run
time, so their annotations must be real objects, not strings FastAPI would resolve in this module's globals."""

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from ets_shared.auth import Principal, Role
from ets_shared.bounds import MAX_RECORD_ID, Limit, RecordId, Year
from ets_shared.http.dependencies import ReadSession, get_runtime, require
from ets_shared.http.problems import problem
from ets_shared.persistence.policy import load_policy, store_policy
from ets_shared.persistence.tables import AuditRecord, DeadLetter, RegulatoryClock

Supervisor = Annotated[Principal, Depends(require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER))]
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


def health_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is up")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="The database and NATS are reachable", responses={503: {}})
    async def readyz(runtime: Annotated[Any, Depends(get_runtime)]) -> Any:
        checks = await runtime.readiness()
        if all(checks.values()):
            return {"status": "ready", "checks": checks}
        return problem(503, "not-ready", "Not ready", f"failing: {[k for k, v in checks.items() if not v]}",
                       checks=checks)

    @router.get("/backlog", response_model=BacklogPublic,
                summary="What this service has not done yet: unpublished events, unapplied events")
    async def backlog(runtime: Annotated[Any, Depends(get_runtime)]) -> Any:
        return await runtime.backlog()

    return router


class ConsumerBacklog(BaseModel):
    stream: str
    consumer: str = Field(description="the durable consumer `<service>--<producer>`")
    subjects: list[str]
    pending: int = Field(description="events not yet delivered to the service")
    unacknowledged: int = Field(description="events delivered and not yet applied")
    delivered_stream_sequence: int
    pinned_here: bool = Field(description="this replica is the one the events are delivered to")


class BacklogPublic(BaseModel):
    service: str
    outbox_unpublished: int = Field(description="committed events the outbox relay has not published yet")
    oldest_unpublished_at: datetime | None
    consumers: list[ConsumerBacklog]
    idle: bool = Field(description="nothing unpublished and nothing unapplied right now")


class ClockPublic(BaseModel):
    now: datetime | None = Field(description="The latest regulatory tick this service processed (null: none yet)")


class AuditRecordPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    subject_ref: str
    correlation_id: str
    detail: Any


class DeadLetterPublic(BaseModel):
    id: int
    subject: str
    event_id: str | None
    stream_sequence: int | None
    error: str
    deliveries: int
    dead_at: datetime
    replayed_at: datetime | None
    payload: str


def records_router() -> APIRouter:
    router = APIRouter(tags=["supervision"])

    @router.get("/clock", response_model=ClockPublic, summary="This service's regulatory clock")
    def clock(session: ReadSession) -> ClockPublic:
        row = session.get(RegulatoryClock, 1)
        return ClockPublic(now=row.now if row else None)

    @router.get("/audit", response_model=list[AuditRecordPublic], summary="Audit trail (M-31, M-43)")
    def audit(_: Supervisor, session: ReadSession, subject_ref: str | None = None,
              correlation_id: str | None = None, after_id: Annotated[int, Query(ge=0, le=MAX_RECORD_ID)] = 0,
              limit: Limit = 100) -> list[AuditRecordPublic]:
        query = select(AuditRecord).where(AuditRecord.id > after_id).order_by(AuditRecord.id).limit(limit)
        if subject_ref:
            query = query.where(AuditRecord.subject_ref == subject_ref)
        if correlation_id:
            query = query.where(AuditRecord.correlation_id == correlation_id)
        return [AuditRecordPublic(**{**r.model_dump(), "detail": _maybe_json(r.detail)})
                for r in session.execute(query).scalars()]

    @router.get("/dead-letters", response_model=list[DeadLetterPublic], summary="Events this service could not apply")
    def dead_letters(_: Supervisor, session: ReadSession,
                     limit: Limit = 100) -> list[DeadLetterPublic]:
        rows = session.execute(select(DeadLetter).order_by(DeadLetter.id.desc()).limit(limit)).scalars()
        return [DeadLetterPublic(**r.model_dump()) for r in rows]

    @router.post("/dead-letters/{dead_letter_id}/replay", response_model=DeadLetterPublic,
                 summary="Publish a dead letter again to its subject (after the cause was fixed)")
    async def replay(dead_letter_id: RecordId, _: Authority, runtime: Annotated[Any, Depends(get_runtime)]) -> Any:
        return await runtime.replay_dead_letter(dead_letter_id)

    return router


PolicyChanged = Callable[[Any, int, BaseModel], None]


def policy_router(model: type[BaseModel], default: Callable[[int], BaseModel],
                  on_change: PolicyChanged | None = None) -> APIRouter:
    """GET/PUT /policy/{year}: the service's [param]s for a compliance year, defaults until the authority sets them.

    `on_change(uow, year, document)` runs inside the same transaction when the authority changes a year's policy
    (e.g. to re-schedule what falls due under the new parameters)."""
    router = APIRouter(tags=["policy"])

    @router.get("/policy/{compliance_year}", response_model=model, summary="Policy parameters for a year")
    def get_policy(compliance_year: Year, session: ReadSession) -> Any:
        return load_policy(session, compliance_year, model, default)

    @router.put("/policy/{compliance_year}", response_model=model, summary="Set the policy parameters for a year")
    def put_policy(compliance_year: Year,
                   document: Annotated[model, Body()],  # type: ignore[valid-type]  # the service's model, at run time
                   caller: Authority, request: Request,
                   reason: Annotated[str, Query(min_length=3, max_length=4000, description="why it changes")]) -> Any:
        runtime = request.app.state.runtime
        with runtime.uow(runtime.context_for(request, caller)) as uow:
            store_policy(uow, compliance_year, document, reason)
            if on_change is not None:
                on_change(uow, compliance_year, document)
            uow.commit()
        return document

    return router


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value

