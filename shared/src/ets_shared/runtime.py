"""The one place a service is assembled from its parts: database, NATS broker and consumers, outbox relay, HTTP API,
AsyncAPI document, and the start/stop order. A service's `bootstrap.py` fills in a `ServiceDefinition`.

Start order: migrate → connect NATS and ensure streams → start consumers → start the relay. Stop: the consumers
(each finishes its batch and hands back what it had not applied), then the relay's last flush.
"""
from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import nats
from fastapi import APIRouter, FastAPI, Request
from faststream import FastStream
from faststream.nats import NatsBroker
from faststream.specification import AsyncAPI
from pydantic import BaseModel
from sqlalchemy import MetaData, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ets_shared.auth import Principal
from ets_shared.clock import utcnow
from ets_shared.companion import CompanionProcess
from ets_shared.contracts.base import EventData
from ets_shared.envelope import MessageContext
from ets_shared.errors import NotFound
from ets_shared.messaging.consumers import (
    Delivery, EventApplier, EventHandler, declare_consumers, declare_publishers, routes_by_producer,
)
from ets_shared.messaging.dead_letters import DeadLetterSink
from ets_shared.messaging.nats_auth import connect_options
from ets_shared.messaging.jetstream_publisher import JetStreamPublisher
from ets_shared.messaging.outbox_relay import OutboxRelay
from ets_shared.messaging.stream_consumer import ConsumerTiming, StreamConsumer
from ets_shared.messaging.streams import ensure_streams
from ets_shared.observability import tracing
from ets_shared.observability.metrics import ServiceMetrics
from ets_shared.persistence.engine import make_engine, make_session_factory, normalise_url, sqlite_write_lock
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import DeadLetter, OutboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.unit_of_work import SharedTransaction, SqlUnitOfWork

log = logging.getLogger("ets.runtime")


def freeze_startup_heap() -> None:
    """Run once a service has started, before it serves. What start-up built (modules, mappers, schemas, compiled
    statements: ~200,000 objects) lives as long as the process; frozen, the cyclic collector's full collections stop
    walking it. They did at every collection — 40 % of the CPU of the mrv's tick determining 2,000 cases, ~20 % of
    allocation's per surrender (issue 10). What start-up left unreachable is collected first, not frozen for ever.
    Frozen objects are still freed by reference counting; only the collector skips them."""
    gc.collect()
    gc.freeze()
    # A request or a consumed batch allocates thousands of short-lived objects; at the default 700 the young
    # generation was collected several times per request, each pass walking what the request still held.
    gc.set_threshold(20_000, 50, 100)


P = TypeVar("P", bound=BaseModel)
#: `backlog`'s view of the outbox: how many events are unpublished, and when the oldest was written (read from the
#: outbox's unpublished index alone, `ix_outbox_unpublished`)
UNPUBLISHED = select(func.count(), func.min(OutboxMessage.created_at)).where(OutboxMessage.published_at.is_(None))


@dataclass
class ServiceDefinition(Generic[P]):
    name: str  # e.g. "verifier-oversight": subjects, durable names, settings keys
    title: str
    description: str
    metadata: MetaData  # the service's own tables
    migrations: Path  # its Alembic script directory
    routers: Sequence[APIRouter] = ()
    handlers: Mapping[type[EventData], EventHandler] = field(default_factory=dict)  # what it consumes
    publishes: Sequence[type[EventData]] = ()  # what it produces
    uow_class: type[SqlUnitOfWork] = SqlUnitOfWork
    # per-year [param]s: (pydantic model, default for a year[, on_change(uow, year, document)])
    policy: (tuple[type[P], Callable[[int], P]] | tuple[type[P], Callable[[int], P], Callable[[Any, int, P], None]]
             | None) = None
    version: str = "0.1.0"
    # events whose handlers need nothing the service holds in memory: served, a companion process applies them and
    # runs the outbox relay (`ets_shared.companion`); the first process applies the rest
    companion: frozenset[type[EventData]] = frozenset()


class ServiceRuntime:
    def __init__(self, definition: ServiceDefinition, settings: ServiceSettings | None = None) -> None:
        self.definition = definition
        self.settings = settings or ServiceSettings.for_service(definition.name)
        self.engine = make_engine(self.settings.database_url)
        self.metrics = ServiceMetrics(definition.name)
        self.metrics.watch_write_lock(sqlite_write_lock(self.engine))  # its waits and holds (SQLite)
        self.tracer_provider = tracing.configure(definition.name, self.settings)
        tracing.instrument_engine(definition.name, self.engine)
        self.session_factory = make_session_factory(self.engine)
        self.read_session_factory = make_session_factory(self.engine, read_only=True)
        self.dead_letters = DeadLetterSink(definition.name, self.session_factory)
        # the event API as FastStream describes it (AsyncAPI document, in-memory test broker); never started: the
        # events are consumed by `self.consumers`, one ordered consumer per producer stream
        self.broker = NatsBroker(servers=self.settings.nats_servers, name=f"ets-{definition.name}",
                                 logger=logging.getLogger(f"ets.{definition.name}.messaging"), log_level=logging.DEBUG)
        self.applier = EventApplier(definition.name, self.uow, self.dead_letters, self.settings.max_deliveries,
                                    metrics=self.metrics)
        routes = self.routes = routes_by_producer(definition.handlers)
        declare_consumers(self.broker, service=definition.name, routes=routes, applier=self.applier)
        declare_publishers(self.broker, list(definition.publishes))
        # `whole`: every consumer and the relay here; `first`: a companion process applies `definition.companion`
        # and relays (`split_off_companion`); `companion`: that process (`become_companion`)
        self.role: Literal["whole", "first", "companion"] = "whole"
        self.consumers = self._consumers(routes)
        self.companion_consumers: list[StreamConsumer] = []  # the companion's, observed by the first process
        self.companion: CompanionProcess | None = None
        self.relay = OutboxRelay(self.session_factory, self._publish_batch, batch_size=self.settings.outbox_batch_size,
                                 poll_seconds=self.settings.outbox_poll_seconds,
                                 read_session_factory=self.read_session_factory, service=definition.name,
                                 on_published=self.metrics.count_published)
        self.asyncapi = FastStream(self.broker, specification=AsyncAPI(
            self.broker, title=f"ETS {definition.title} events", version=definition.version,
            description=definition.description))
        self._nc: Any = None
        self._js: Any = None
        self._publisher: JetStreamPublisher | None = None  # the relay's, on this connection
        self.wake_relay: Callable[[], None] = self.relay.wake  # after a commit; the companion's relay once split
        from ets_shared.http.app import create_http_app

        self.http: FastAPI = create_http_app(self)

    def _consumers(self, routes: Mapping[str, Mapping[str, Any]], companion: bool = False) -> list[StreamConsumer]:
        timing = ConsumerTiming.of(self.settings.consumer_ack_wait_seconds, self.settings.consumer_pin_timeout_seconds)
        return [StreamConsumer(self.definition.name, producer, by_subject, self.applier, companion=companion,
                               batch_size=self.settings.consumer_batch_size, timing=timing)
                for producer, by_subject in routes.items() if by_subject]

    def _routes(self, companion: bool) -> dict[str, dict[str, Any]]:
        subjects = {contract.contract.subject for contract in self.definition.companion}
        return {producer: {subject: route for subject, route in by_subject.items()
                           if (subject in subjects) == companion}
                for producer, by_subject in self.routes.items()}

    def split_off_companion(self, factory: str) -> bool:
        """Served: leave the companion events and the relay to a companion process (`ets_shared.companion`) that
        `start` starts and `stop` stops; False (nothing changed) if the service names no companion events."""
        if not self.definition.companion:
            return False
        self.role = "first"
        self.consumers = self._consumers(self._routes(companion=False))
        self.companion_consumers = self._consumers(self._routes(companion=True), companion=True)
        self.companion = CompanionProcess(factory, self.metrics.add_forwarded)
        self.wake_relay = self.companion.wake
        return True

    def become_companion(self) -> None:
        """This process is a companion: it applies the companion events and relays; no entry point of its own."""
        self.role = "companion"
        self.consumers = self._consumers(self._routes(companion=True), companion=True)

    async def start_entrypoints(self) -> None:
        """What a service serves beside HTTP and its consumers (the exchange's order gateway); never in a companion."""

    async def stop_entrypoints(self) -> None:
        """Stops what `start_entrypoints` started, first of all."""

    # -- units of work -------------------------------------------------------------------------------------
    def uow(self, context: MessageContext, shared: SharedTransaction | None = None) -> SqlUnitOfWork:
        """A unit of work with a transaction of its own, or a savepoint of the `shared` one."""
        return self.definition.uow_class(self.session_factory, producer=self.definition.name, context=context,
                                         publishes=frozenset(self.definition.publishes), on_commit=self.wake_relay,
                                         shared=shared)

    def shared_transaction(self) -> SharedTransaction:
        return SharedTransaction(self.session_factory, self.wake_relay)

    @staticmethod
    def context_for(request: Request, principal: Principal) -> MessageContext:
        return MessageContext(correlation_id=request.state.correlation_id, causation_id=None, actor=principal.actor)

    # -- lifecycle -------------------------------------------------------------------------------------------
    async def start(self) -> None:
        url = make_url(normalise_url(self.settings.database_url))
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        if self.settings.migrate_on_start:
            await asyncio.to_thread(upgrade, self.engine, self.definition.migrations, self.definition.metadata)
        self._nc = await _connect_with_retry(self.settings.nats_servers, f"ets-{self.definition.name}",
                                             connect_options(self.settings, self.definition.name))
        self._js = self._nc.jetstream()
        self._publisher = JetStreamPublisher(self._nc)
        # a cluster electing its leaders (or another service creating the same stream) answers late or not at all
        await _retrying("ensuring the streams", lambda: ensure_streams(self._js, self.settings))
        self.dead_letters.publish = self._publish_raw
        for consumer in self.consumers:
            await _retrying(f"starting {consumer.durable}", partial(consumer.start, self._nc))
        if self.companion is not None:
            for consumer in self.companion_consumers:
                consumer.observe(self._nc)
            await self.companion.start()
        else:
            await self.relay.start()
        freeze_startup_heap()
        if self.role != "companion":
            await self.start_entrypoints()
        log.info("%s started%s (db %s)", self.definition.name, "" if self.role == "whole" else f" as {self.role}",
                 url.render_as_string(hide_password=True))

    async def stop(self) -> None:
        if self.role != "companion":
            await self.stop_entrypoints()
        for consumer in self.consumers:
            await consumer.stop()
        if self.companion is not None:
            await self.companion.stop()  # its relay's last flush publishes what this process committed last
        else:
            await self.relay.stop()
        if self._nc is not None:
            await self._nc.drain()
            self._nc = self._publisher = None
        self.engine.dispose()
        tracing.shutdown(self.definition.name, self.tracer_provider)

    @asynccontextmanager
    async def lifespan(self, _app: FastAPI | None = None):
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    async def readiness(self) -> dict[str, bool]:
        def database_ok() -> bool:
            try:
                with self.engine.execution_options(ets_read_only=True).connect() as conn:
                    conn.execute(text("SELECT 1"))
                return True
            except Exception:  # noqa: BLE001 - any failure means not ready; /readyz says so
                return False

        nats_ok = bool(self._nc is not None and self._nc.is_connected)
        checks = {"database": await asyncio.to_thread(database_ok), "nats": nats_ok}
        if self.companion is not None:
            checks["companion"] = self.companion.alive
        return checks

    async def backlog(self) -> dict[str, Any]:
        """What this service has not done yet: committed events its relay has not published, and events its
        consumers have not applied (not delivered, or delivered and not acknowledged)."""
        def outbox() -> tuple[int, Any]:
            with self.read_session_factory() as session:
                row = session.execute(UNPUBLISHED).one()
                session.rollback()
                return row[0], row[1]

        consumers = ([await consumer.lag() for consumer in [*self.consumers, *self.companion_consumers]]
                     if self._nc is not None else [])
        unpublished, oldest = await asyncio.to_thread(outbox)
        return {"service": self.definition.name, "outbox_unpublished": unpublished,
                "oldest_unpublished_at": oldest, "consumers": consumers,
                "idle": unpublished == 0 and self._nc is not None
                and all(c["pending"] == 0 and c["unacknowledged"] == 0 for c in consumers)}

    # -- publishing ------------------------------------------------------------------------------------------
    async def _publish_batch(self, batch):
        if self._publisher is None:
            raise RuntimeError("not connected to NATS")
        return await self._publisher(batch)

    async def _publish_raw(self, subject: str, payload: bytes, headers: dict[str, str]) -> None:
        await self._js.publish(subject, payload, headers=headers)

    @staticmethod
    def _dead_letter(session: Session, dead_letter_id: int) -> DeadLetter:
        row = session.get(DeadLetter, dead_letter_id)
        if row is None:
            raise NotFound(f"no dead letter {dead_letter_id}", field="dead_letter_id")
        return row

    async def replay_dead_letter(self, dead_letter_id: int) -> DeadLetter:
        def load() -> DeadLetter:
            with self.session_factory() as session:
                return self._dead_letter(session, dead_letter_id)

        row = await asyncio.to_thread(load)
        replayed_at = utcnow()
        # applied here, not published again: the service may publish only its own subjects (nats_auth), and the
        # other consumers of the stream had applied the event already; failing again makes a new dead letter
        by_subject = next((r for r in self.routes.values() if row.subject in r), {})
        await self.applier.apply([Delivery.decode(row.subject, row.payload.encode(), by_subject)])

        def stamp() -> DeadLetter:
            with self.session_factory() as session:
                fresh = self._dead_letter(session, dead_letter_id)
                fresh.replayed_at = replayed_at
                session.commit()
                return fresh

        return await asyncio.to_thread(stamp)


async def _retrying(what: str, call, attempts: int = 30) -> None:
    for attempt in range(1, attempts + 1):
        try:
            await call()
            return
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning("%s failed (%r); retrying", what, exc)
            await asyncio.sleep(1)


async def _connect_with_retry(servers: list[str], name: str, options: dict, attempts: int = 30):
    for attempt in range(1, attempts + 1):
        try:
            return await nats.connect(servers=servers, name=name, max_reconnect_attempts=-1, reconnect_time_wait=1,
                                      connect_timeout=2, **options)
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning("NATS at %s not reachable (%r); retrying", servers, exc)
            await asyncio.sleep(1)
