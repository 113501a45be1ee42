"""The regulatory calendar of a compliance year, and the ticks that move every service's clock.

Default deadlines of year Y (docs/rules.md §4, §5; per-year overrides live in each service's policy):
monitoring plan for Y by 31 Dec Y-1 (M-11) · emission report by 31 Mar Y+1 (M-12) · verification report by
30 Apr Y+1 (M-13) · determination within 30 days of the verification report (M-15) · surrender 1–30 Jun Y+1 (M-16)
· shortfall at 00:00 on 1 Jul Y+1 · exit report within 15 days (M-18).

A tick's event id is derived from its instant, so the same tick published twice is one event everywhere.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ets_shared.clock import as_utc, utcnow
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.envelope import Envelope

log = logging.getLogger("ets.calendar")
TICK_NAMESPACE = uuid.UUID("5f0c8a52-8f3a-4d0e-9a57-2b1d1e7c4a10")


@dataclass(frozen=True)
class RegulatoryCalendar:
    year: int
    monitoring_plan_due: date
    report_due: date
    verification_due: date
    determination_days: int
    surrender_open: date
    surrender_close: date
    exit_report_days: int

    @classmethod
    def default(cls, year: int) -> "RegulatoryCalendar":
        return cls(year=year, monitoring_plan_due=date(year - 1, 12, 31), report_due=date(year + 1, 3, 31),
                   verification_due=date(year + 1, 4, 30), determination_days=30,
                   surrender_open=date(year + 1, 6, 1), surrender_close=date(year + 1, 6, 30), exit_report_days=15)

    @property
    def shortfall_day(self) -> date:
        return self.surrender_close + timedelta(days=1)


def tick_envelope(now: datetime, source: str = "manual") -> Envelope[CalendarTick]:
    now = as_utc(now)
    return Envelope[CalendarTick](
        event_id=uuid.uuid5(TICK_NAMESPACE, now.isoformat()), event_type=CalendarTick.contract.event_type,
        schema_version=CalendarTick.contract.version, occurred_at=now, producer="calendar",
        correlation_id=f"tick:{now.isoformat()}", causation_id=None, data=CalendarTick(now=now, source=source),
    )


async def publish_tick(js, now: datetime, source: str = "manual") -> Envelope[CalendarTick]:
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
