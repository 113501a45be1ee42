"""Tables every service keeps in its own database, beside its domain tables.

They live in their own `MetaData` and migrate through the platform's own Alembic history
(`platform_migrations/`, version table `alembic_version_platform`), so a change here is written once for all
services. Each service's domain tables derive from a base of its own (`class AllocationTable(SQLModel)` with
`metadata = MetaData()`), so several services can be imported into one test process without mixing schemas.
"""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Column, Index, MetaData, Table, Text
from sqlmodel import Field, SQLModel

from ets_shared.persistence.types import UtcDateTime


class PlatformTable(SQLModel):
    """The base of the platform's tables: their own MetaData, apart from every service's domain tables."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


def utc_column(nullable: bool = False, index: bool = False) -> Column:
    return Column(UtcDateTime(), nullable=nullable, index=index)


class OutboxMessage(PlatformTable, table=True):
    """An event committed with the state change that caused it; the relay publishes it and stamps `published_at`."""

    __tablename__ = "outbox_message"
    # the relay's unpublished rows in order (published_at, seq); with created_at, `GET /backlog`'s count and oldest
    # of the unpublished read the index alone instead of every unpublished row (27 ms a poll at 12,000 unpublished)
    __table_args__ = (Index("ix_outbox_unpublished", "published_at", "seq", "created_at"),)
    seq: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=36, unique=True)
    subject: str = Field(max_length=200)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=utc_column())
    # the envelope's correlation id, so a case's timeline finds its events (null: rows written before it existed)
    correlation_id: str | None = Field(default=None, max_length=100, index=True)
    # message headers published with the event besides Nats-Msg-Id: the W3C trace context (`traceparent`) of the
    # transaction that wrote it, as JSON (ets_shared.observability.tracing); null: none
    headers: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    published_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class InboxMessage(PlatformTable, table=True):
    """An incoming event applied once: recorded in the same transaction as its effect."""

    __tablename__ = "inbox_message"
    event_id: str = Field(max_length=36, primary_key=True)
    subject: str = Field(max_length=200)
    correlation_id: str = Field(max_length=100, index=True)
    processed_at: datetime = Field(sa_column=utc_column())


class DeadLetter(PlatformTable, table=True):
    """An event that could not be applied (malformed, unknown, or failing after N deliveries), with its error."""

    __tablename__ = "dead_letter"
    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=200)
    event_id: str | None = Field(default=None, max_length=100)
    stream_sequence: int | None = None
    payload: str = Field(sa_column=Column(Text, nullable=False))
    error: str = Field(sa_column=Column(Text, nullable=False))
    deliveries: int
    dead_at: datetime = Field(sa_column=utc_column())
    replayed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class IdempotencyRecord(PlatformTable, table=True):
    """The first response to a write sent with an `Idempotency-Key`, replayed for any retry with the same key.

    `principal` is a digest of the caller (role, subject, party), not of the token. While the request runs, its claim
    (`claim_id`) holds a lease it renews; the transaction of its effect stamps `committed_at` only while the claim is
    still its own (see `ets_shared.http.idempotency`)."""

    __tablename__ = "idempotency_record"
    key: str = Field(max_length=200, primary_key=True)
    principal: str = Field(max_length=200, primary_key=True)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    request_hash: str = Field(max_length=64)
    status_code: int | None = None
    response_body: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    content_type: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(sa_column=utc_column())
    claim_id: str | None = Field(default=None, max_length=36)
    lease_expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    committed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class AuditRecord(PlatformTable, table=True):
    """Who changed what, when and why (M-31 supervision, M-43 accountability). Append-only."""

    __tablename__ = "audit_record"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(index=True))
    actor: str = Field(max_length=200)
    action: str = Field(max_length=200)
    subject_ref: str = Field(max_length=200, index=True, description="the record acted on, e.g. case:CASE-1")
    correlation_id: str = Field(max_length=100, index=True)
    detail: str = Field(sa_column=Column(Text, nullable=False))


class RegulatoryClock(PlatformTable, table=True):
    """The latest `ets.calendar.tick.v1` this service has processed: its idea of regulatory 'now'."""

    __tablename__ = "regulatory_clock"
    id: int = Field(default=1, primary_key=True)
    now: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())


class PolicySetting(PlatformTable, table=True):
    """A service's policy parameters for one compliance year (the [param]s of docs/policy-parameters.md), as JSON."""

    __tablename__ = "policy_setting"
    compliance_year: int = Field(primary_key=True)
    document: str = Field(sa_column=Column(Text, nullable=False))
    updated_by: str = Field(max_length=200)
    updated_at: datetime = Field(sa_column=utc_column())
    reason: str = Field(sa_column=Column(Text, nullable=False))
