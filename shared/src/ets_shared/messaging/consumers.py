"""Subscribing a service's event handlers: one durable JetStream consumer per (service, event contract).

A service declares its handlers as a plain dict {ContractClass: handler}. A handler is a synchronous function
`handler(data, uow)` that runs in a worker thread inside one transaction; `register_consumers` wraps it with the
inbox (an event already processed is acknowledged without a second effect), commits, then acknowledges — so a
crash before the commit redelivers the event and a crash after it is deduplicated. Several replicas of a service
share one durable consumer and so share the work.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker, NatsMessage, PullSub
from sqlalchemy.exc import IntegrityError

from ets_shared.contracts.base import EventData
from ets_shared.envelope import Envelope, MessageContext
from ets_shared.messaging.streams import stream_name
from ets_shared.unit_of_work import SqlUnitOfWork

EventHandler = Callable[[Any, Any], None]
UowFactory = Callable[[MessageContext], SqlUnitOfWork]


def durable_name(service: str, contract: type[EventData]) -> str:
    return f"{service}--{contract.contract.event_type.replace('.', '-')}-v{contract.contract.version}"


def apply_event(envelope: Envelope, subject: str, handler: EventHandler, uow_factory: UowFactory) -> bool:
    """Apply one event exactly once. Returns False when it had been applied before."""
    try:
        with uow_factory(MessageContext.caused_by(envelope)) as uow:
            if uow.already_processed(envelope):
                return False
            handler(envelope.data, uow)
            uow.mark_processed(envelope, subject)
            uow.commit()
            return True
    except IntegrityError:
        # another replica applied it between our check and our commit: the inbox row is the proof
        with uow_factory(MessageContext.caused_by(envelope)) as uow:
            if uow.already_processed(envelope):
                return False
        raise


def register_consumers(broker: NatsBroker, *, service: str, handlers: Mapping[type[EventData], EventHandler],
                       uow_factory: UowFactory, batch_size: int = 32) -> None:
    for contract, handler in handlers.items():
        _register(broker, service, contract, handler, uow_factory, batch_size)


def _register(broker: NatsBroker, service: str, contract: type[EventData], handler: EventHandler,
              uow_factory: UowFactory, batch_size: int) -> None:
    meta = contract.contract

    async def consume(event, msg) -> None:  # noqa: ANN001 - annotations set below, per contract
        await asyncio.to_thread(apply_event, event, meta.subject, handler, uow_factory)
        await msg.ack()

    consume.__name__ = consume.__qualname__ = f"on_{meta.event_type.replace('.', '_').replace('-', '_')}"
    consume.__annotations__ = {"event": Envelope[contract], "msg": NatsMessage, "return": None}
    broker.subscriber(
        meta.subject,
        stream=JStream(stream_name(meta.producer), declare=False),
        durable=durable_name(service, contract),
        pull_sub=PullSub(batch_size=batch_size, timeout=1.0),
        ack_policy=AckPolicy.MANUAL,
        title=f"{meta.subject}:{service}",
        description=f"{service} consumes {meta.event_type} v{meta.version}: {handler.__doc__ or meta.description}",
    )(consume)


def declare_publishers(broker: NatsBroker, contracts: list[type[EventData]]) -> None:
    """Document the events a service publishes in its AsyncAPI (they are sent by the outbox relay)."""
    for contract in contracts:
        meta = contract.contract
        broker.publisher(meta.subject, schema=Envelope[contract], title=meta.subject,
                         description=meta.description, stream=JStream(stream_name(meta.producer), declare=False))
