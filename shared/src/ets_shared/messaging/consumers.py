"""Applying other services' events: in the order their producer published them, a pulled batch per transaction.

A service declares its handlers as a plain dict {ContractClass: handler}. A handler is a synchronous function
`handler(data, uow)` that runs in a worker thread inside the consumer's transaction and never commits. The events of
one producer arrive on one ordered consumer (`stream_consumer.StreamConsumer`) and are dispatched here by subject.

`EventApplier.apply` takes a pulled batch and applies it in **one transaction**: every event not yet in the inbox
is handed to its handler and recorded in the inbox, then one commit. If any event of the batch fails, the whole
transaction rolls back and the batch is applied again **one event per transaction, in order**: an event a rule
refuses (or that is malformed) is dead-lettered at once, any other failure is retried in place with back-off and
dead-lettered after `max_deliveries` attempts — the events after it wait, so a retried event is never overtaken.
The inbox makes every retry, redelivery or replay apply an event once.

A handler may declare what its events need read ahead (`reads_ahead`): before the batch's first event is applied,
the read-ahead is given every event of that handler in the batch and loads what they need in one query per table,
so the handler finds it in the session (or the repository) instead of querying per event. It only reads: the
handlers still run one by one, in order, with every rule, and the per-event fallback runs without it.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker, NatsMessage, PullSub
from opentelemetry.trace import Span, SpanKind
from sqlalchemy.exc import IntegrityError

from ets_shared.clock import utcnow
from ets_shared.contracts.base import EventData
from ets_shared.envelope import Envelope, MessageContext, envelope_type
from ets_shared.messaging.dead_letters import DeadLetterSink, is_permanent
from ets_shared.messaging.streams import durable_name, stream_name
from ets_shared.observability import tracing
from ets_shared.observability.logs import log_context, log_each
from ets_shared.persistence.write_lock import as_writer
from ets_shared.unit_of_work import SqlUnitOfWork, hold_loaded

log = logging.getLogger("ets.consumers")
EventHandler = Callable[[Any, Any], None]
ReadAhead = Callable[[Sequence[Any], Any], None]
UowFactory = Callable[[MessageContext], SqlUnitOfWork]
Handler = TypeVar("Handler", bound=EventHandler)


def reads_ahead(read_ahead: ReadAhead) -> Callable[[Handler], Handler]:
    """Declare `read_ahead(events, uow)`: called once per pulled batch with the data of every event of this handler
    in it (in order), inside the batch's transaction, before the first is applied (`apply_batch`)."""
    def declare(handler: Handler) -> Handler:
        handler.read_ahead = read_ahead  # type: ignore[attr-defined]
        return handler
    return declare


@dataclass(frozen=True)
class Route:
    contract: type[EventData]
    handler: EventHandler

    @property
    def envelope_type(self) -> type[Envelope]:
        return envelope_type(self.contract)

    @property
    def read_ahead(self) -> ReadAhead | None:
        return getattr(self.handler, "read_ahead", None)


def routes_by_producer(handlers: Mapping[type[EventData], EventHandler]) -> dict[str, dict[str, Route]]:
    """{producer: {subject: Route}}: one ordered consumer per producer stream, dispatching by subject."""
    routes: dict[str, dict[str, Route]] = {}
    for contract, handler in handlers.items():
        meta = contract.contract
        routes.setdefault(meta.producer, {})[meta.subject] = Route(contract, handler)
    return routes


@dataclass
class Delivery:
    """One received event: where it came from, how often it was delivered, and what it decoded to."""

    subject: str
    payload: bytes
    deliveries: int = 1
    sequence: int | None = None  # stream sequence, when it came from JetStream
    route: Route | None = None
    envelope: Envelope | None = None
    error: Exception | None = None  # why it could not be decoded
    headers: Mapping[str, str] | None = None  # the message's headers: its trace context (`traceparent`)
    _event_id: str | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def decode(cls, subject: str, payload: bytes, routes: Mapping[str, Route], *, deliveries: int = 1,
               sequence: int | None = None, headers: Mapping[str, str] | None = None) -> "Delivery":
        delivery = cls(subject, payload, deliveries, sequence, routes.get(subject), headers=headers)
        if delivery.route is not None:
            try:
                delivery.envelope = delivery.route.envelope_type.model_validate_json(payload)
            except Exception as exc:  # noqa: BLE001 - not JSON, not the envelope, not the contract: dead-lettered
                delivery.error = exc
        return delivery

    @property
    def event_id(self) -> str:
        if self._event_id is None:  # asked several times per event: the inbox, the read-ahead, the log line
            self._event_id = str(self.decoded[1].event_id)
        return self._event_id

    @property
    def decoded(self) -> tuple[Route, Envelope]:
        """The route and envelope of an event that decoded (only those are applied; the others are dead-lettered)."""
        if self.route is None or self.envelope is None:
            raise ValueError(f"{self.subject}: the event did not decode ({self.error!r})")
        return self.route, self.envelope


def consuming(service: str, subject: str, envelope: Envelope, headers: Mapping[str, str] | None,
              event_id: str | None = None) -> AbstractContextManager[Span | None]:
    """While one event is applied: its ids in the log context, and (tracing on) the span `consume <subject>`, the
    child of the trace the message carries, so the handler's SQL and the events it publishes continue that trace.
    Tracing off, only the ids (entered once per event applied: no generator)."""
    event_id = event_id or str(envelope.event_id)
    if not tracing.enabled(service):
        return log_context(correlation_id=envelope.correlation_id, event_id=event_id)
    return _consuming_traced(service, subject, envelope, headers, event_id)


@contextmanager
def _consuming_traced(service: str, subject: str, envelope: Envelope, headers: Mapping[str, str] | None,
                      event_id: str) -> Iterator[Span]:
    with log_context(correlation_id=envelope.correlation_id, event_id=event_id):
        with tracing.start_span(service, f"consume {subject}", kind=SpanKind.CONSUMER, parent=headers, attributes={
                "messaging.system": "nats", "messaging.destination.name": subject,
                "messaging.message.id": str(envelope.event_id), "ets.correlation_id": envelope.correlation_id}) as span:
            yield span


def apply_event(envelope: Envelope, subject: str, handler: EventHandler, uow_factory: UowFactory, *,
                service: str = "", headers: Mapping[str, str] | None = None) -> bool:
    """Apply one event exactly once, in its own transaction. Returns False when it had been applied before."""
    try:
        with uow_factory(MessageContext.caused_by(envelope)) as uow, consuming(service, subject, envelope, headers):
            if uow.already_processed(envelope):
                return False
            started = utcnow()
            handler(envelope.data, uow)
            uow.mark_processed(envelope, subject, started)
            uow.commit()
            log.info("applied %s", subject)
            return True
    except IntegrityError:
        # another consumer applied it between our check and our commit: the inbox row is the proof
        with uow_factory(MessageContext.caused_by(envelope)) as uow:
            if uow.already_processed(envelope):
                return False
        raise


def apply_batch(deliveries: Sequence[Delivery], uow_factory: UowFactory, service: str = "") -> list[Delivery]:
    """Apply decoded events in order in ONE transaction; any failure rolls all of them back and propagates.
    Returns those applied (the others were in the inbox already, or repeated within the batch)."""
    applied = []
    first = deliveries[0]
    with uow_factory(MessageContext.caused_by(first.decoded[1], first.event_id)) as uow:
        held = hold_loaded(uow.session)  # noqa: F841 - what one event read, the next finds in the identity map
        seen = uow.processed_among([d.event_id for d in deliveries])
        read_ahead(deliveries, seen, uow)
        for delivery in deliveries:
            event_id = delivery.event_id
            if event_id in seen:
                continue
            seen.add(event_id)
            route, envelope = delivery.decoded
            uow.act_for(MessageContext.caused_by(envelope, event_id))
            with consuming(service, delivery.subject, envelope, delivery.headers, event_id) as span:
                started = utcnow()
                route.handler(envelope.data, uow)
                uow.mark_processed(envelope, delivery.subject, started, event_id=event_id)
            applied.append((delivery, span))
        uow.commit()
    # after the commit: what the lines say has happened (in the event's trace)
    log_each(log, logging.INFO, "applied %s", (((delivery.subject,), delivery.decoded[1].correlation_id,
                                                delivery.event_id, span) for delivery, span in applied))
    return [delivery for delivery, _ in applied]


def read_ahead(deliveries: Sequence[Delivery], applied: set[str], uow: SqlUnitOfWork) -> None:
    """Give each handler that reads ahead the data of its events the batch will apply (`reads_ahead`)."""
    events: dict[Route, list[Any]] = {}
    for delivery in deliveries:
        route, envelope = delivery.decoded
        if route.read_ahead is not None and delivery.event_id not in applied:
            events.setdefault(route, []).append(envelope.data)
    for route, data in events.items():
        route.read_ahead(data, uow)  # type: ignore[misc]


def retry_delay(attempt: int) -> float:
    return min(0.25 * 2 ** attempt, 30.0)


class EventApplier:
    """Applies the events of one service's consumers: batch transaction, per-event fallback, dead letters."""

    def __init__(self, service: str, uow_factory: UowFactory, sink: DeadLetterSink, max_deliveries: int,
                 metrics: Any = None) -> None:
        self.service = service
        self.metrics = metrics  # observability.metrics.ServiceMetrics: events consumed, dead letters
        self.uow_factory = uow_factory
        self.sink = sink
        self.max_deliveries = max_deliveries
        self._attempts: dict[str, int] = {}  # failed attempts per event id, across retries of one batch

    async def apply(self, batch: Iterable[Delivery]) -> None:
        """Resolve every delivery of the batch, in order: applied (or already applied) or dead-lettered. Raises
        only when a dead letter cannot be recorded (the database is down): the caller retries the batch."""
        ready: list[Delivery] = []
        for delivery in batch:
            if delivery.route is None:
                continue  # a subject this service no longer handles
            if delivery.error is not None:
                await self._dead_letter(delivery, delivery.error, delivery.deliveries)
            else:
                ready.append(delivery)
        if not ready:
            return
        try:
            applied = await asyncio.to_thread(as_writer, "consumer", apply_batch, ready, self.uow_factory,
                                              self.service)
            if self.metrics is not None:
                self.metrics.count_consumed(delivery.subject for delivery in applied)
            return
        except Exception as exc:  # noqa: BLE001 - find the failing event by applying them one by one
            log.info("%s: a batch of %d events failed (%r); applying them one by one", self.service, len(ready), exc)
        for delivery in ready:
            await self._apply_one(delivery)

    async def _apply_one(self, delivery: Delivery) -> None:
        key = delivery.event_id
        route, envelope = delivery.decoded
        while True:
            attempt = max(self._attempts.get(key, 0), delivery.deliveries - 1) + 1
            try:
                applied = await asyncio.to_thread(as_writer, "consumer", partial(
                    apply_event, envelope, delivery.subject, route.handler, self.uow_factory,
                    service=self.service, headers=delivery.headers))
                self._attempts.pop(key, None)
                if applied and self.metrics is not None:
                    self.metrics.count_consumed((delivery.subject,))
                return
            except Exception as exc:  # noqa: BLE001 - every failure is either retried or dead-lettered
                self._attempts[key] = attempt
                if is_permanent(exc) or attempt >= self.max_deliveries:
                    await self._dead_letter(delivery, exc, attempt)
                    self._attempts.pop(key, None)
                    return
                with log_context(correlation_id=envelope.correlation_id, event_id=key):
                    log.warning("%s failed on %s (attempt %d): %r; retrying, later events wait", self.service,
                                delivery.subject, attempt, exc)
                await asyncio.sleep(retry_delay(attempt))

    async def _dead_letter(self, delivery: Delivery, error: BaseException, attempts: int) -> None:
        envelope = delivery.envelope
        with log_context(correlation_id=envelope.correlation_id if envelope else None,
                         event_id=str(envelope.event_id) if envelope else None):
            await self.sink.dead_letter(delivery.subject, delivery.payload, error, attempts, delivery.sequence)
        if self.metrics is not None:
            self.metrics.count_dead_letter(delivery.subject)


def declare_consumers(broker: NatsBroker, *, service: str, routes: Mapping[str, Mapping[str, Route]],
                      applier: EventApplier) -> None:
    """Describe what the service consumes in its AsyncAPI document, one channel per subject.

    FastStream cannot express the consumer the service runs (one pinned, multi-subject, batched consumer per
    producer stream, `stream_consumer`), so the broker carries these declarations for the document and for
    FastStream's in-memory test broker, which delivers each message through the same `EventApplier`."""
    for producer, by_subject in routes.items():
        for subject, route in by_subject.items():
            _declare(broker, service, producer, subject, route, by_subject, applier)


def _declare(broker: NatsBroker, service: str, producer: str, subject: str, route: Route,
             routes: Mapping[str, Route], applier: EventApplier) -> None:
    meta = route.contract.contract

    async def consume(event, msg) -> None:  # annotations set below, per contract
        await applier.apply([Delivery.decode(subject, msg.body, routes)])

    consume.__name__ = consume.__qualname__ = f"on_{meta.event_type.replace('.', '_').replace('-', '_')}"
    # the annotations give the document each channel's payload schema
    consume.__annotations__ = {"event": route.envelope_type, "msg": NatsMessage, "return": None}
    broker.subscriber(
        subject, stream=JStream(stream_name(producer), declare=False), durable=durable_name(service, producer),
        pull_sub=PullSub(timeout=1.0), ack_policy=AckPolicy.MANUAL, title=f"{subject}:{service}",
        description=f"{service} consumes {meta.event_type} v{meta.version}: "
                    f"{route.handler.__doc__ or meta.description}",
    )(consume)


def declare_publishers(broker: NatsBroker, contracts: list[type[EventData]]) -> None:
    """Document the events a service publishes in its AsyncAPI (they are sent by the outbox relay)."""
    for contract in contracts:
        meta = contract.contract
        broker.publisher(meta.subject, schema=envelope_type(contract), title=meta.subject,
                         description=meta.description, stream=JStream(stream_name(meta.producer), declare=False))
