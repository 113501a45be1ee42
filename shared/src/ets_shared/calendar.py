"""The ticks that move every service's clock. The deadlines themselves are each service's own, in its per-year
policy (docs/rules.md §4, §5; `GET /policy/{year}` of the service): a tick only says what time it is.

A tick's event id is derived from its instant, so the same tick published twice is one event everywhere.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime

from ets_shared.clock import as_utc, utcnow
from ets_shared.contracts.calendar import CalendarTick, TickSource
from ets_shared.envelope import Envelope

log = logging.getLogger("ets.calendar")
TICK_NAMESPACE = uuid.UUID("5f0c8a52-8f3a-4d0e-9a57-2b1d1e7c4a10")


def tick_envelope(now: datetime, source: TickSource = "manual") -> Envelope[CalendarTick]:
    now = as_utc(now)
    return Envelope[CalendarTick](
        event_id=uuid.uuid5(TICK_NAMESPACE, now.isoformat()), event_type=CalendarTick.contract.event_type,
        schema_version=CalendarTick.contract.version, occurred_at=now, producer="calendar",
        correlation_id=f"tick:{now.isoformat()}", causation_id=None, data=CalendarTick(now=now, source=source),
    )


async def publish_tick(js, now: datetime, source: TickSource = "manual") -> Envelope[CalendarTick]:
    envelope = tick_envelope(now, source)
    await js.publish(CalendarTick.contract.subject, envelope.model_dump_json().encode(),
                     headers={"Nats-Msg-Id": str(envelope.event_id)})
    return envelope


async def run_wall_clock(js, interval_seconds: float, stop: asyncio.Event) -> None:
    """Production: tick with the wall clock every `interval_seconds` until `stop` is set."""
    while not stop.is_set():
        now = utcnow().replace(microsecond=0)
        try:
            await publish_tick(js, now, "wall-clock")
        except Exception as exc:  # noqa: BLE001 - NATS down: the next tick catches up (ticks are cumulative)
            log.warning("tick at %s not published: %r", now, exc)
        try:
            async with asyncio.timeout(interval_seconds):
                await stop.wait()
        except TimeoutError:
            pass
