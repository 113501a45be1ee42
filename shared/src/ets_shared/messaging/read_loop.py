"""Messages taken in nats-py's read loop, without a task per subscription.

A subscription given a `future` has each message handed to that future's `set_result(msg)` inside the connection's
read loop (`Client._process_msg`), which is all a subscriber that only counts or queues its messages needs. One
with a `cb` instead has each message queued on the subscription, picked up by a task of its own and passed to a
coroutine awaited per message. `InReadLoop` is such a future that is never done, so nats-py goes on handing it
messages; what it calls runs in the read loop and must not raise (a failure there would break the connection).
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, cast


class InReadLoop:
    """Given as a subscription's `future`: `take(msg)` is called for every message, in the read loop."""

    __slots__ = ("_take",)

    def __init__(self, take: Callable[[Any], None]) -> None:
        self._take = take

    def cancelled(self) -> bool:
        return False

    def done(self) -> bool:
        return False

    def set_result(self, msg: Any) -> None:
        self._take(msg)


async def subscribe_in_read_loop(nc: Any, subject: str, take: Callable[[Any], None]) -> Any:
    """Subscribe `take` to `subject` on a nats-py client: each message handed to it in the read loop."""
    return await nc.subscribe(subject, future=cast(asyncio.Future, InReadLoop(take)))
