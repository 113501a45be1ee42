"""Time as an event: the regulatory clock (docs/architecture.md#time-is-an-event)."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ets_shared.contracts.base import EventData, contract

TickSource = Literal["wall-clock", "manual"]


@contract(
    producer="calendar", aggregate="clock", event="tick", version=1, subject="ets.calendar.tick.v1",
    example={"now": "2026-07-01T00:00:00+08:00", "source": "manual"},
)
class CalendarTick(EventData):
    """The regulatory clock reads `now`. Every service processes what fell due up to this instant; a tick earlier
    than one already seen changes nothing (the clock only moves forward)."""

    now: AwareDatetime = Field(description="The instant the clock has reached")
    source: TickSource = Field(
        default="manual", description="wall-clock in production; manual for demos, tests and back-office runs"
    )
