"""Regulatory time. Deadlines in the rules are Shanghai calendar dates; instants travel as UTC.

`regulatory_date(now)` is the Shanghai date of a UTC instant; `start_of_day(d)` is the UTC instant at which that
Shanghai date begins. A deadline "by 31 March" therefore means: an instant whose regulatory date is <= 31 March.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

REGULATORY_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """Normalise to an aware UTC datetime; a naive value is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def regulatory_date(moment: datetime) -> date:
    return as_utc(moment).astimezone(REGULATORY_TZ).date()


def start_of_day(day: date) -> datetime:
    """The UTC instant at which the Shanghai calendar day `day` begins."""
    return datetime.combine(day, time.min, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)
