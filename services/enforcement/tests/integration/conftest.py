"""Fixtures for the enforcement service over a real nats-server and database: its settings, and `publish` — other
services' events (shortfalls, settlements, calendar ticks) put on JetStream the way their outbox relays do."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

import nats
import pytest

from ets_shared.contracts.base import EventData
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.settings import ServiceSettings

Publish = Callable[..., Awaitable[Envelope]]


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("enforcement", database_url=database_url("enforcement"),
                                       **test_settings_overrides)


@pytest.fixture
def publish(nats_url: str) -> Publish:
    async def send(data: EventData, *, correlation_id: str | None = None, copies: int = 1) -> Envelope:
        """Publish `data` as its producer would; `copies` > 1 re-sends the same event (same event id) under
        distinct Nats-Msg-Ids, so the stream keeps every copy and only the consumer's inbox can dedupe."""
        envelope = wrap(data, producer=type(data).contract.producer,
                        context=MessageContext.new("test", correlation_id))
        nc = await nats.connect(nats_url)
        for n in range(copies):
            await nc.jetstream().publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                                         headers={"Nats-Msg-Id": f"{envelope.event_id}-{n}"})
        await nc.drain()
        return envelope

    return send
