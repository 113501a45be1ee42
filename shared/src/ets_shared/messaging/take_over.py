"""Taking over a stream consumer from a replica that died (issue 9, finding 6).

A replica SIGKILLed while holding pulled events leaves them delivered and unacknowledged. The server would deliver
them again only after the ack wait, and — measured on nats-server 2.15 — not always in stream order (a dead
replica's 64 events came back as 4..65, then 2, 3). So a replica that is newly pinned (or a service restarted)
first reads everything between the consumer's acknowledgement floor and its last delivered sequence straight from
the stream, in stream order, and applies that before anything else. Events it already holds are used as they are.
"""
from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from ets_shared.messaging.consumers import Delivery, Route

Api = Callable[[str, dict | None], Awaitable[dict]]


def position(msg: Any) -> tuple[int, int, int]:
    """A delivered message's stream sequence, consumer sequence and number of deliveries, read from its reply
    subject `$JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>`: nats-py's
    `metadata` parses the same tokens into two dataclasses and a datetime, 7 µs per consumed event. Any other form
    (one naming a domain) is left to nats-py."""
    tokens = msg.reply.split(".") if msg.reply else []
    if len(tokens) == 9 and tokens[0] == "$JS" and tokens[1] == "ACK":
        return int(tokens[5]), int(tokens[6]), int(tokens[4])
    meta = msg.metadata
    return meta.sequence.stream, meta.sequence.consumer, meta.num_delivered


async def unacknowledged(api: Api, stream: str, producer: str, durable: str, routes: Mapping[str, Route],
                         held: Iterable[Any]) -> list[Delivery]:
    """The consumer's delivered-but-unacknowledged events that this service handles, in stream order; none when all
    of them were delivered to this replica (a fresh start, or nothing left behind by another): deliveries to the
    pinned replica are consecutive, so anything unacknowledged before its first one was someone else's."""
    info = await api(f"CONSUMER.INFO.{stream}.{durable}", None)
    floor = info.get("ack_floor", {}).get("stream_seq", 0)
    delivered = info.get("delivered", {}).get("stream_seq", 0)
    positions = [(position(msg), msg) for msg in held]
    ours = {stream_sequence: msg for (stream_sequence, _, _), msg in positions}
    first_ours = min((consumer_sequence for (_, consumer_sequence, _), _ in positions), default=0)
    if info.get("ack_floor", {}).get("consumer_seq", 0) >= first_ours - 1:
        return []  # everything delivered before this replica's first event is acknowledged: nothing left behind
    found: list[tuple[int, Delivery]] = []
    for subject in routes:  # subject by subject: the producer's other subjects are never read
        sequence = floor + 1
        while sequence <= delivered:
            if sequence in ours and ours[sequence].subject == subject:
                payload = ours[sequence].data
            else:
                answer = await api(f"STREAM.MSG.GET.{stream}", {"seq": sequence, "next_by_subj": subject})
                message = answer.get("message")
                if message is None or message["seq"] > delivered:
                    break
                sequence, payload = message["seq"], base64.b64decode(message.get("data") or "")
            found.append((sequence, Delivery.decode(subject, payload, routes, sequence=sequence)))
            sequence += 1
    return [delivery for _, delivery in sorted(found, key=lambda pair: pair[0])]
