"""The unit of work: one database transaction holding a state change, the events it emits (outbox), the audit
record of who did it, and — for a consumer — the inbox entry of the event that caused it.

Services subclass `SqlUnitOfWork` and add their repositories in `_open()` (see any service's
`service_layer/unit_of_work.py`). Handlers call `uow.publish(EventData)`; nothing leaves the process until the
transaction commits and the outbox relay publishes it. The outbox, audit and inbox rows of a transaction are written
at its commit, one multi-row INSERT per table (the ORM's per-object flush cost a third of a small write's time).
"""
from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Callable
from datetime import datetime
from typing import Any, Self

from opentelemetry import context as otel_context
from pydantic import BaseModel
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from ets_shared.clock import as_utc, utcnow
from ets_shared.contracts.base import CaseEventData, EventData
from ets_shared.envelope import Envelope, MessageContext, seal
from ets_shared.observability.tracing import case_trace_headers, current_headers, encode_headers
from ets_shared.persistence.bulk import insert_rows, keys_present
from ets_shared.persistence.claims import current_claim, fence
from ets_shared.persistence.driver_statement import DriverStatement
from ets_shared.persistence.tables import AuditRecord, InboxMessage, OutboxMessage, RegulatoryClock


_UNREAD = object()
_CLOCK_NOW = select(RegulatoryClock.__table__.c.now).where(RegulatoryClock.__table__.c.id == 1)
# on SQLite straight on the driver: the session's `execute` around this one-row read cost four times the read (about
# 60 of a one-event consumed batch's 750 µs); converted as SQLAlchemy converts it
_CLOCK_NOW_ON_SQLITE = DriverStatement(lambda _: _CLOCK_NOW)


_HELD = "ets_held"  # the key in `Session.info` of the objects `hold_loaded` keeps


def hold_loaded(session: Session) -> list[Any]:
    """Keep every object the session loads or writes alive until it closes. The identity map holds objects weakly,
    so across the many use cases of one long transaction (a consumed batch, a bulk request) the same rows — the
    year's policy, the regulatory clock, an agency's eligibility — would be read again and again; held, `get`
    finds them in the identity map. Within one transaction they stay current: every change goes through the
    session, and a rolled-back savepoint expires what it changed. The list lives in the session's `info`, filled by
    listeners registered once for every session (`_hold`): two listeners registered on each session cost 60 µs, a
    tenth of a one-event consumed batch."""
    held: list[Any] = session.info.setdefault(_HELD, [])
    return held


@event.listens_for(Session, "loaded_as_persistent")
@event.listens_for(Session, "pending_to_persistent")
def _hold(session: Session, obj: Any) -> None:
    held = session.info.get(_HELD)
    if held is not None:
        held.append(obj)


class SharedTransaction:
    """One database transaction that several units of work join, each in a savepoint of its own (a bulk request:
    each item commits or rolls back alone, and the whole request pays for one transaction; a group commit: each of
    the concurrent requests likewise). `commit()` ends it, fenced by the claim on an `Idempotency-Key` of the request
    that opened it; a unit acting under another claim (a grouped request's own) is fenced in its savepoint."""

    def __init__(self, session_factory: sessionmaker[Session], on_commit: Callable[[], None]) -> None:
        self.session = session_factory()
        self.claim = current_claim.get()
        self._on_commit = on_commit
        self.emitted = 0
        self._held = hold_loaded(self.session)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        fence(self.session)
        self.session.commit()
        if self.emitted:
            self._on_commit()


class SqlUnitOfWork:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        producer: str,
        context: MessageContext,
        publishes: frozenset[type[EventData]] = frozenset(),
        on_commit: Callable[[], None] = lambda: None,
        shared: SharedTransaction | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._shared = shared
        self._savepoint: Any = None
        self.producer = producer
        self.context = context
        self._publishes = publishes
        self._on_commit = on_commit
        self.session: Session
        self.emitted: list[Envelope] = []
        self._rows: dict[type[OutboxMessage] | type[AuditRecord] | type[InboxMessage], list[dict[str, Any]]] = {}
        self._clock: RegulatoryClock | None = None
        self._read_now: object = _UNREAD  # the clock's reading without its row (`regulatory_now`)
        self._deferred: dict[Callable[[list[Any], Any], None], list[Any]] = {}
        # When this transaction's events occurred: taken at its first `publish`, the `occurred_at` of all of them and
        # the time of their outbox and audit rows. The events one transaction commits happen together (none is seen
        # before the others), and one datetime object in every row is written once (`persistence.types`: the text
        # of the value before is remembered) — a time per event cost its making, its text and a miss per row. A
        # consumed event starts a time of its own (`act_for`): its effects never precede its taking up.
        self._instant: datetime | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def __enter__(self) -> Self:
        if self._shared is None:
            self.session = self._session_factory()
        else:
            self.session = self._shared.session
            self._savepoint = self.session.begin_nested()
        self.emitted = []
        self._rows = {OutboxMessage: [], AuditRecord: [], InboxMessage: []}
        self._clock = None
        self._read_now = _UNREAD
        self._deferred = {}
        self._instant = None
        self._open()
        return self

    def _open(self) -> None:
        """Subclasses attach repositories to `self.session` here."""

    def act_for(self, context: MessageContext) -> None:
        """Go on in the same transaction for the next event of a consumed batch: its events and audit records carry
        `context`, its events a time of their own (`_instant`: not before the handler took it up), and the
        repositories start afresh (their caches serve one use case)."""
        self.context = context
        self._instant = None
        self._open()

    def __exit__(self, *exc: object) -> None:
        if self._shared is not None:
            if self._savepoint.is_active:  # not committed: undo this unit's part only
                self._savepoint.rollback()
            return
        self.session.rollback()  # no-op after commit; undoes everything otherwise
        self.session.close()

    def defer(self, apply: Callable[[list[Any], Any], None], item: Any) -> None:
        """Queue `item` to be applied with the others of this transaction at commit, `apply(items, uow)` once: the
        events of a consumed batch handled set-based (allocation's registry instructions, the exchange's admissions
        on registration). Only for work no later event of the batch reads."""
        self._deferred.setdefault(apply, []).append(item)

    def run_deferred(self, apply: Callable[[list[Any], Any], None] | None = None) -> None:
        """Apply what was deferred (`commit` does it first; a subclass writing its own pending changes at commit
        calls it before them) — or only what was deferred to `apply`, when a later event of the batch must see it
        (the exchange's delivery answers before a deposit's)."""
        if apply is not None:
            if items := self._deferred.pop(apply, None):
                apply(items, self)
            return
        while self._deferred:
            apply = next(iter(self._deferred))
            apply(self._deferred.pop(apply), self)

    def commit(self) -> None:
        self.run_deferred()
        for table, rows in self._rows.items():
            insert_rows(self.session, table, rows)  # Core, one statement (`persistence.bulk`)
            rows.clear()
        self._clock = None
        self._read_now = _UNREAD
        self._instant = None
        if self._shared is not None:
            if current_claim.get() != self._shared.claim:
                fence(self.session)  # a grouped request's own Idempotency-Key, stamped with its part or not at all
            self._savepoint.commit()  # released into the shared transaction, which commits it
            self._shared.emitted += len(self.emitted)
            return
        fence(self.session)  # an idempotent request's effect commits only while it holds its claim
        self.session.commit()
        if self.emitted:
            self._on_commit()

    def rollback(self) -> None:
        if self._shared is not None:
            self._savepoint.rollback()
        else:
            self.session.rollback()
        self.emitted = []
        for rows in self._rows.values():
            rows.clear()
        self._clock = None
        self._read_now = _UNREAD
        self._deferred = {}
        self._instant = None

    # -- outbox + audit ----------------------------------------------------------------------------------------
    def publish(self, data: EventData, *, subject_ref: str | None = None, correlation_id: str | None = None,
                audit: bool = True) -> Envelope:
        """Queue `data` as an event of this service, committed with the current transaction.

        An event about a compliance case (`CaseEventData`) names its case in its own `correlation_id`, set by the
        producer from the aggregate, and the envelope and the audit record carry that id (a case event without one
        takes the acting context's). For other events `correlation_id` overrides the acting context's. A request
        acting on a case begun elsewhere becomes the event's cause: its own id is the causation id (an event's stays).
        `audit=False` only for a second version of an event already audited in this transaction (a v1 published
        beside its v2): one state change, one audit record. The event occurred at the transaction's instant
        (`_instant`), which its outbox and audit rows carry too."""
        if self._publishes and type(data) not in self._publishes:
            raise TypeError(f"{self.producer} does not declare {type(data).__name__} among the events it publishes")
        producer, subject, event_type = _published_as(type(data))
        if producer != self.producer:
            raise TypeError(f"{self.producer} may not publish {subject}")
        context = self.context
        if isinstance(data, CaseEventData):  # the case's id travels in the contract, the envelope follows it
            if correlation_id is not None and correlation_id != (data.correlation_id or correlation_id):
                raise ValueError(f"{type(data).__name__} of case {data.correlation_id} published under another case, "
                                 f"{correlation_id}")
            if data.correlation_id is None:
                data = data.model_copy(update={"correlation_id": correlation_id or context.correlation_id})
            correlation_id = data.correlation_id
        if correlation_id is not None and correlation_id != context.correlation_id:  # (not `replace`: 1 µs more)
            context = MessageContext(correlation_id, context.causation_id or context.correlation_id, context.actor)
        at = self._instant
        if at is None:  # the transaction's instant (see `_instant`)
            at = self._instant = utcnow()
        envelope, event_id, payload, detail = seal(data, producer=producer, context=context, occurred_at=at)
        # the trace of this transaction: none while no OpenTelemetry context is attached (tracing off, outside any
        # span), which the empty current context tells in 0.08 of `current_headers`' 0.5 µs
        headers = current_headers() if otel_context.get_current() else {}
        if context is not self.context and headers:  # the case's trace goes on (observability.tracing)
            headers = case_trace_headers(self.session, context.correlation_id) or headers
        self._rows[OutboxMessage].append({"event_id": event_id, "subject": subject, "payload": payload,
                                          "created_at": at, "correlation_id": context.correlation_id,
                                          # the trace of this transaction, continued when the relay publishes it
                                          "headers": encode_headers(headers)})
        if audit:  # the detail is `data.model_dump_json()`, the text the payload was written around
            self.audit(event_type, subject_ref or _subject_ref(data), detail, correlation_id=context.correlation_id,
                       at=at)
        self.emitted.append(envelope)
        return envelope

    def audit(self, action: str, subject_ref: str, detail: BaseModel | dict[str, Any] | str, *,
              correlation_id: str | None = None, at: datetime | None = None) -> None:
        """An audit record of this transaction; `at`: when (default now; a published event's is its instant)."""
        if type(detail) is str:  # a published event's (the data's JSON), first
            text = detail
        elif isinstance(detail, BaseModel):
            text = detail.model_dump_json()
        elif isinstance(detail, dict):
            text = json.dumps(detail, default=str, sort_keys=True)
        else:
            text = detail
        self._rows[AuditRecord].append({"at": at or utcnow(), "actor": self.context.actor, "action": action,
                                        "subject_ref": subject_ref,
                                        "correlation_id": correlation_id or self.context.correlation_id,
                                        "detail": text})

    # -- inbox -----------------------------------------------------------------------------------------------
    def already_processed(self, envelope: Envelope) -> bool:
        return self.session.get(InboxMessage, str(envelope.event_id)) is not None

    def processed_among(self, event_ids: list[str]) -> set[str]:
        """Which of these events this service has applied already (one query for a consumed batch)."""
        return keys_present(self.session, InboxMessage, "event_id", event_ids)

    def mark_processed(self, envelope: Envelope, subject: str, at: datetime | None = None, *,
                       event_id: str | None = None) -> None:
        """`at`: when its handler took it up (default now), so a case's timeline shows it before its effects;
        `event_id`: the envelope's id as text, when the caller has it already."""
        self._rows[InboxMessage].append({"event_id": event_id or str(envelope.event_id), "subject": subject,
                                         "correlation_id": envelope.correlation_id, "processed_at": at or utcnow()})

    # -- regulatory clock ------------------------------------------------------------------------------------
    def regulatory_now(self) -> datetime | None:
        if self._clock is None:  # read with Core (an ORM load of the row cost most of a small transaction's reads)
            held: Any = self.session.identity_map.get((RegulatoryClock, (1,), None))
            if held is not None or any(isinstance(obj, RegulatoryClock) for obj in self.session.new):
                row = self._clock_row()  # loaded or set in this transaction: it is current
                return row.now if row else None
            if self._read_now is _UNREAD:
                self._read_now = _read_clock(self.session)
            return self._read_now  # type: ignore[return-value]
        return self._clock.now

    def _clock_row(self) -> RegulatoryClock | None:
        """Read once per transaction and held (the session's identity map alone would let it be collected and
        read again at every `now()`)."""
        if self._clock is None:
            self._clock = self.session.get(RegulatoryClock, 1)
        return self._clock

    def now(self) -> datetime:
        """Regulatory 'now' for a command: the latest tick this service processed, or the wall clock before the
        first tick. Domain timestamps (submitted_at, surrendered_at, ...) use it, so a simulated year is coherent."""
        return self.regulatory_now() or utcnow()

    def advance_clock(self, now: datetime) -> bool:
        """Move the clock forward to `now`; False (and nothing changes) when `now` is not later than the current
        reading — ticks never move time back, and a re-delivered or stale tick is a no-op."""
        now = as_utc(now)
        row = self._clock_row()
        if row is None:
            self._clock = RegulatoryClock(id=1, now=now, updated_at=utcnow())
            self.session.add(self._clock)
            return True
        if now <= row.now:
            return False
        row.now, row.updated_at = now, utcnow()
        return True


def _read_clock(session: Session) -> datetime | None:
    """The clock's reading in this transaction (None before the first tick), as a column, after flushing what the
    session holds pending, as its `execute` did (a clock row the session holds is read by `regulatory_now` itself).
    Read at every transaction that asks, never kept across transactions: a tick may be committed by another process
    sharing the database (a replica pinned to the calendar's stream after this one), and nothing cheaper than this
    read tells that it was."""
    if session.autoflush:
        session.flush()
    if session.get_bind().dialect.name == "sqlite":
        rows = _CLOCK_NOW_ON_SQLITE.rows(session)
        return rows[0][0] if rows else None
    return session.connection().execute(_CLOCK_NOW).scalar_one_or_none()


@lru_cache(maxsize=None)
def _published_as(event_type: type[EventData]) -> tuple[str, str, str]:
    """The producer, subject and event type of a contract (`ContractMeta` builds the last two anew at each read)."""
    meta = event_type.contract
    return meta.producer, meta.subject, meta.event_type


def _subject_ref(data: EventData) -> str:
    aggregate = _aggregate(type(data))
    for attr in _naming_fields(type(data)):
        value = getattr(data, attr)
        if value:
            return f"{aggregate}:{value}"
    return aggregate


_NAMING = ("case_id", "determination_id", "surrender_id", "report_id", "verification_id", "entity_id", "agency_id",
           "verifier_id", "member_id")


@lru_cache(maxsize=None)
def _naming_fields(event_type: type[EventData]) -> tuple[str, ...]:
    """The fields an event type has of those that name its subject, in that order: looking up a field a pydantic
    model does not have raises and catches an AttributeError, ~11 µs each (13 of the 14 µs of an ObligationRecorded's
    subject reference)."""
    fields = event_type.model_fields
    return tuple(a for a in _NAMING if a in fields or isinstance(getattr(event_type, a, None), property))


@lru_cache(maxsize=None)
def _aggregate(event_type: type[EventData]) -> str:
    """An event type's aggregate (its `contract` is built anew at each read)."""
    return event_type.contract.aggregate
