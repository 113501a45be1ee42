"""The relay's HPUB frames (`jetstream_publisher._frames`) are byte for byte what nats-py's `Client.publish` queues
for each message, over many generated batches: messages with and without trace headers, event ids and header values
with blanks, carriage returns and line feeds to clean, non-ASCII payloads and header values (the sizes count bytes,
not characters), a reply prefix and a list of replies (a fast-ingest batch's)."""
from __future__ import annotations

import random

import pytest
from nats.aio.client import Client

from ets_shared.messaging.jetstream_publisher import _frames
from ets_shared.messaging.outbox_relay import OutgoingMessage

pytestmark = pytest.mark.asyncio

_VALUES = ["0192a3b4-c5d6-7e8f-9a0b-1c2d3e4f5a6b", " padded ", "a\r\nb", "line\nfeed", "ret\rurn", "é-ünïcode",
           "\t tab", "", "x"]
_PAYLOADS = [b"{}", b'{"n":1}', '{"n":"é\u2028"}'.encode(), b"x" * 1000, b""]


def _batch(rng: random.Random, size: int) -> list[OutgoingMessage]:
    batch = []
    for n in range(size):
        headers: dict[str, str] = {}
        if rng.random() < 0.4:
            headers["traceparent"] = rng.choice(_VALUES)
            if rng.random() < 0.5:
                headers["tracestate"] = rng.choice(_VALUES)
        if rng.random() < 0.1:
            headers[" X-Extra "] = rng.choice(_VALUES)
        if rng.random() < 0.05:
            headers["Nats-Msg-Id"] = "overridden"
        event_id = rng.choice(_VALUES) if rng.random() < 0.3 else f"e{n:04d}"
        batch.append(OutgoingMessage(event_id, rng.choice(["a.b.c.v1", "ünï.x.v2"]), rng.choice(_PAYLOADS),
                                     headers, None))
    return batch


async def _published(batch: list[OutgoingMessage], replies: list[str]) -> bytes:
    client = Client()
    for m, reply in zip(batch, replies, strict=True):
        await client._send_publish(m.subject, reply, m.payload, len(m.payload),
                                   {**m.headers, "Nats-Msg-Id": m.event_id})
    return b"".join(client._pending)


async def test_the_frames_of_generated_batches_are_the_bytes_nats_py_publishes_message_by_message():
    rng = random.Random(5)
    for size in (1, 2, 8, 150):
        for _ in range(20):
            batch = _batch(rng, size)
            prefix = "_INBOX.abc.7."
            assert _frames(batch, prefix, 1 << 20) == await _published(
                batch, [f"{prefix}{index}" for index in range(size)])
            replies = [f"_INBOX.abc.x-{size}.500.fail.{seq}.1.$FI" for seq in range(1, size + 1)]
            assert _frames(batch, "", 1 << 20, replies) == await _published(batch, replies)
