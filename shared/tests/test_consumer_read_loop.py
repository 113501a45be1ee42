"""The stream consumer takes its deliveries in nats-py's read loop (`messaging.read_loop`): every event of the stream
reaches its applier in publish order, a batch at a time, and everything is acknowledged after it was applied; a
message it fails to take (here a pull's end, status 408) is logged there and breaks neither the connection nor the
consumer, which asks again and applies what is published after."""
from __future__ import annotations

import nats
import pytest

from ets_shared.contracts.allocation import ShortfallDetected
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import routes_by_producer
from ets_shared.messaging.stream_consumer import ConsumerTiming, StreamConsumer
from ets_shared.messaging.streams import stream_name
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


class Recording:
    """An applier that records the entity of each event it is given, in order."""

    def __init__(self) -> None:
        self.entities: list[str] = []
        self.batches = 0

    async def apply(self, deliveries) -> None:
        self.batches += 1
        self.entities += [d.decoded[1].data.entity_id for d in deliveries]


async def _all_acknowledged(consumer: StreamConsumer) -> bool:
    lag = await consumer.lag()
    return lag["pending"] == 0 and lag["unacknowledged"] == 0


def shortfall(n: int) -> ShortfallDetected:
    return ShortfallDetected(entity_id=f"E-{n:03d}", compliance_year=2025, obligation=100, surrendered=50,
                             shortfall=50, detected_at="2026-07-01T00:00:00Z")


async def test_deliveries_taken_in_the_read_loop_are_applied_in_order_and_a_failed_take_breaks_nothing(
        nats_url, caplog):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(name=stream_name("allocation"), subjects=["ets.allocation.>"])
    subject = ShortfallDetected.contract.subject

    async def publish(numbers: range) -> None:
        for n in numbers:
            envelope = wrap(shortfall(n), producer="allocation", context=MessageContext.new("test"))
            await js.publish(subject, envelope.model_dump_json().encode(),
                             headers={"Nats-Msg-Id": str(envelope.event_id)})
    await publish(range(150))
    applier = Recording()
    consumer = StreamConsumer("toy", "allocation", routes_by_producer({ShortfallDetected: lambda d, u: None})[
        "allocation"], applier, batch_size=100, timing=ConsumerTiming.of(ack_wait=1.0, pin_timeout=3.0))
    take, failed = consumer._take, []

    def failing_once(msg) -> None:
        if not msg.data and not failed:
            failed.append(msg)
            raise RuntimeError("cannot take it")
        take(msg)
    consumer._take = failing_once  # type: ignore[method-assign]
    await consumer.start(nc)
    try:
        await eventually(lambda: failed, timeout=30)
        await publish(range(150, 300))
        await eventually(lambda: len(applier.entities) >= 300, timeout=30)
        await eventually(lambda: _all_acknowledged(consumer), timeout=30)
    finally:
        await consumer.stop()
    assert "unreadable delivery" in caplog.text
    assert applier.entities == [f"E-{n:03d}" for n in range(300)]
    assert applier.batches < 300, "a pulled batch at a time"
    await nc.drain()
