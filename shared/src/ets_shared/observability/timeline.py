"""The case timeline: everything the five services did in one compliance case, in order.

Each service answers `GET /timeline` (`observability.routes`) from its own tables in one shape, `ServiceTimeline`:
- `published`: the events it wrote to its outbox (the moment the event occurred, its id, type and data);
- `consumed`: the events of others it applied (its inbox: when its handler took them up);
- `audit`: its audit records (who did what to which record).

A case is asked for by **correlation id** (repeatable: a case may span several), or by **entity and year**: the
service then finds the correlation ids of its own events and audit records about that entity and compliance year
(`entity_id`, `covered_entity_id`, `from_entity_id` or `to_entity_id` = the entity; `compliance_year` or `year` =
the year) and answers for them.

`case_timeline(fetch, …)` asks every service and merges the answers by time, then by each service's own sequence:
for an entity and year it first collects the correlation ids every service knows, then asks every service for all
of them, so a service that only consumed the case's events (and has no record naming the entity) still shows them.
`./ets timeline` and the console's case page call it; `fetch` is theirs (how they reach a service, with which
token).
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ets_shared.persistence.tables import AuditRecord, InboxMessage, OutboxMessage

SERVICES = ("allocation", "mrv", "verifier-oversight", "exchange", "enforcement")
MAX_CORRELATION_IDS = 50  # per request; `case_timeline` asks in chunks
ENTITY_FIELDS = ("entity_id", "covered_entity_id", "from_entity_id", "to_entity_id")
YEAR_FIELDS = ("compliance_year", "year")
SCAN_LIMIT = 5000  # rows naming the entity read to find its year's correlation ids
Kind = Literal["published", "consumed", "audit"]
_KIND_ORDER = {"consumed": 0, "published": 1, "audit": 2}  # within one instant: cause before effect


class TimelineEntry(BaseModel):
    at: datetime = Field(description="when it happened: the event occurred, the event was applied, the record made")
    service: str = Field(description="the service that recorded it")
    kind: Kind = Field(description="published: an event this service emitted; consumed: an event of another service "
                                   "it applied; audit: one of its audit records")
    sequence: int = Field(description="the service's own order of the entries of one kind (outbox sequence, audit "
                                      "record id; 0 for consumed events, ordered by when their handler took them up)")
    correlation_id: str
    event_id: str | None = Field(None, description="published and consumed entries: the event's id")
    event_type: str | None = Field(None, description="published and consumed: the event's subject, e.g. "
                                                     "ets.mrv.report.submitted.v1")
    causation_id: str | None = Field(None, description="published: the event or request that caused it")
    actor: str | None = Field(None, description="audit: who acted (role:subject, event:<type>, clock)")
    action: str | None = Field(None, description="audit: what was done")
    subject_ref: str | None = Field(None, description="audit: the record acted on, e.g. case:CASE-1")
    detail: Any = Field(None, description="published: the event's data; audit: the record's detail")


class ServiceTimeline(BaseModel):
    service: str
    correlation_ids: list[str] = Field(description="the correlation ids answered for (for an entity and year: the "
                                                   "ones this service found)")
    entries: list[TimelineEntry]
    truncated: bool = Field(description="more entries matched than `limit`: ask for fewer correlation ids")


def _key(entry: TimelineEntry) -> tuple:
    return (entry.at, _KIND_ORDER[entry.kind], entry.sequence, entry.service)


# -- one service's answer --------------------------------------------------------------------------------------------
def correlation_ids_for(session: Session, entity_id: str, year: int, limit: int = MAX_CORRELATION_IDS) -> list[str]:
    """The correlation ids of this service's events and audit records about `entity_id` in compliance `year`."""
    pattern, year_pattern = f"%{_escape(entity_id)}%", f"%{year}%"  # narrowing only: the JSON is checked below
    found: dict[str, None] = {}
    outbox = session.execute(select(OutboxMessage.payload).where(OutboxMessage.payload.like(pattern, escape="\\"),
                                                                 OutboxMessage.payload.like(year_pattern))
                             .order_by(OutboxMessage.seq).limit(SCAN_LIMIT)).scalars()
    for payload in outbox:
        envelope = _json(payload)
        if isinstance(envelope, dict) and _about(envelope.get("data"), entity_id, year):
            found.setdefault(str(envelope.get("correlation_id")))
    audits = session.execute(select(AuditRecord.correlation_id, AuditRecord.detail)
                             .where(AuditRecord.detail.like(pattern, escape="\\"),
                                    AuditRecord.detail.like(year_pattern))
                             .order_by(AuditRecord.id).limit(SCAN_LIMIT)).all()
    for correlation_id, detail in audits:
        if _about(_json(detail), entity_id, year):
            found.setdefault(correlation_id)
    return list(found)[:limit]


def service_timeline(session: Session, service: str, correlation_ids: Sequence[str], limit: int) -> ServiceTimeline:
    """This service's entries of the given correlation ids, in order; at most `limit`."""
    ids = list(dict.fromkeys(correlation_ids))
    entries: list[TimelineEntry] = []
    if ids:
        for seq, subject, payload, created_at in session.execute(
                select(OutboxMessage.seq, OutboxMessage.subject, OutboxMessage.payload, OutboxMessage.created_at)
                .where(OutboxMessage.correlation_id.in_(ids)).order_by(OutboxMessage.seq).limit(limit + 1)):
            envelope = _json(payload) or {}
            entries.append(TimelineEntry(
                at=created_at, service=service, kind="published", sequence=seq,
                correlation_id=envelope.get("correlation_id", ""), event_id=envelope.get("event_id"),
                event_type=subject, causation_id=envelope.get("causation_id"), detail=envelope.get("data")))
        for row in session.execute(select(InboxMessage).where(InboxMessage.correlation_id.in_(ids))
                                   .order_by(InboxMessage.processed_at).limit(limit + 1)).scalars():
            entries.append(TimelineEntry(at=row.processed_at, service=service, kind="consumed", sequence=0,
                                         correlation_id=row.correlation_id, event_id=row.event_id,
                                         event_type=row.subject))
        for row in session.execute(select(AuditRecord).where(AuditRecord.correlation_id.in_(ids))
                                   .order_by(AuditRecord.id).limit(limit + 1)).scalars():
            entries.append(TimelineEntry(at=row.at, service=service, kind="audit", sequence=row.id,
                                         correlation_id=row.correlation_id, actor=row.actor, action=row.action,
                                         subject_ref=row.subject_ref, detail=_json(row.detail)))
    entries.sort(key=_key)
    return ServiceTimeline(service=service, correlation_ids=ids, entries=entries[:limit],
                           truncated=len(entries) > limit)


# -- across the services ------------------------------------------------------------------------------------------
def merge(answers: Iterable[ServiceTimeline]) -> list[TimelineEntry]:
    """The services' entries in one order: by time, then (within one instant) consumed before published before
    audited, then each service's own sequence."""
    return sorted((entry for answer in answers for entry in answer.entries), key=_key)


# fetch(service, query parameters) → that service's `GET /timeline` answer as JSON
Fetch = Callable[[str, list[tuple[str, str]]], Awaitable[dict[str, Any]]]


class CaseTimeline(BaseModel):
    correlation_ids: list[str]
    entries: list[TimelineEntry]
    truncated: bool = Field(description="some service had more entries than the limit")


async def case_timeline(fetch: Fetch, *, correlation_id: str | None = None, entity_id: str | None = None,
                        year: int | None = None, services: Sequence[str] = SERVICES,
                        limit: int = 1000) -> CaseTimeline:
    """Everything about one compliance case across `services`, merged (see the module's docstring)."""
    import asyncio

    if correlation_id:
        ids = [correlation_id]
    elif entity_id and year is not None:
        firsts = await asyncio.gather(*(fetch(s, [("entity_id", entity_id), ("year", str(year)), ("limit", "1")])
                                        for s in services))
        ids = list(dict.fromkeys(cid for answer in firsts for cid in answer["correlation_ids"]))
    else:
        raise ValueError("a correlation id, or an entity and a year")
    answers: list[ServiceTimeline] = []
    for start in range(0, len(ids), MAX_CORRELATION_IDS):
        chunk = ids[start:start + MAX_CORRELATION_IDS]
        params = [("correlation_id", cid) for cid in chunk] + [("limit", str(limit))]
        answers += [ServiceTimeline.model_validate(a)
                    for a in await asyncio.gather(*(fetch(s, params) for s in services))]
    return CaseTimeline(correlation_ids=ids, entries=merge(answers), truncated=any(a.truncated for a in answers))


# -- helpers ------------------------------------------------------------------------------------------------------
def _about(data: Any, entity_id: str, year: int) -> bool:
    if not isinstance(data, dict):
        return False
    named = any(data.get(f) == entity_id for f in ENTITY_FIELDS)
    return named and any(data.get(f) == year for f in YEAR_FIELDS)


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
