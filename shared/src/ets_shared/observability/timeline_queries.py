"""One service's part of a case's timeline, read from its own outbox, inbox and audit tables (the service side of
`observability.timeline`, which the CLI and the console use without the database stack)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ets_shared.observability.timeline import (
    MAX_CORRELATION_IDS, ServiceTimeline, TimelineEntry, about_entity_year, parse_json, sort_key,
)
from ets_shared.persistence.tables import AuditRecord, InboxMessage, OutboxMessage

SCAN_LIMIT = 5000  # rows naming the entity read to find its year's correlation ids


def correlation_ids_for(session: Session, entity_id: str, year: int, limit: int = MAX_CORRELATION_IDS) -> list[str]:
    """The correlation ids of this service's events and audit records about `entity_id` in compliance `year`."""
    pattern, year_pattern = f"%{_escape(entity_id)}%", f"%{year}%"  # narrowing only: the JSON is checked below
    found: dict[str, None] = {}
    outbox = session.execute(select(OutboxMessage.payload).where(OutboxMessage.payload.like(pattern, escape="\\"),
                                                                 OutboxMessage.payload.like(year_pattern))
                             .order_by(OutboxMessage.seq).limit(SCAN_LIMIT)).scalars()
    for payload in outbox:
        envelope = parse_json(payload)
        if isinstance(envelope, dict) and about_entity_year(envelope.get("data"), entity_id, year):
            found.setdefault(str(envelope.get("correlation_id")))
    audits = session.execute(select(AuditRecord.correlation_id, AuditRecord.detail)
                             .where(AuditRecord.detail.like(pattern, escape="\\"),
                                    AuditRecord.detail.like(year_pattern))
                             .order_by(AuditRecord.id).limit(SCAN_LIMIT)).all()
    for correlation_id, detail in audits:
        if about_entity_year(parse_json(detail), entity_id, year):
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
            envelope = parse_json(payload) or {}
            entries.append(TimelineEntry(
                at=created_at, service=service, kind="published", sequence=seq or 0,
                correlation_id=envelope.get("correlation_id", ""), event_id=envelope.get("event_id"),
                event_type=subject, causation_id=envelope.get("causation_id"), detail=envelope.get("data")))
        for row in session.execute(select(InboxMessage).where(InboxMessage.correlation_id.in_(ids))
                                   .order_by(InboxMessage.processed_at).limit(limit + 1)).scalars():
            entries.append(TimelineEntry(at=row.processed_at, service=service, kind="consumed", sequence=0,
                                         correlation_id=row.correlation_id, event_id=row.event_id,
                                         event_type=row.subject))
        for audit in session.execute(select(AuditRecord).where(AuditRecord.correlation_id.in_(ids))
                                     .order_by(AuditRecord.id).limit(limit + 1)).scalars():
            entries.append(TimelineEntry(at=audit.at, service=service, kind="audit", sequence=audit.id or 0,
                                         correlation_id=audit.correlation_id, actor=audit.actor, action=audit.action,
                                         subject_ref=audit.subject_ref, detail=parse_json(audit.detail)))
    entries.sort(key=sort_key)
    return ServiceTimeline(service=service, correlation_ids=ids, entries=entries[:limit],
                           truncated=len(entries) > limit)



def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
