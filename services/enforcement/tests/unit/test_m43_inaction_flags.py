"""M-43 (二)(四): an inaction flag names who had to act, on what, by when; it is resolved once, when the act comes,
and never before it was found."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from enforcement.domain import InactionFlag

FOUND = datetime(2026, 8, 1, 16, tzinfo=timezone.utc)


def flag() -> InactionFlag:
    return InactionFlag("INA-1", "authority", "mrv", "report:RPT-E-0001-2025", "determination (M-15)",
                        date(2026, 7, 31), FOUND, party_id="E-0001")


def test_m43_an_inaction_flag_is_resolved_once_by_the_act_that_ends_it():
    f = flag()
    assert f.open
    acted = FOUND + timedelta(days=3)
    assert f.resolve(acted, "determination made") == acted
    assert (f.open, f.resolved_at, f.resolution) == (False, acted, "determination made")
    assert f.resolve(acted + timedelta(days=1), "made again") is None  # already resolved: nothing changes
    assert (f.resolved_at, f.resolution) == (acted, "determination made")


def test_m43_an_inaction_flag_is_never_resolved_before_it_was_found():
    f = flag()
    assert f.resolve(FOUND - timedelta(days=2), "the act was recorded late") == FOUND
    assert f.resolved_at == FOUND


def test_m43_an_inaction_flag_resolves_at_the_utc_instant_of_a_zoned_act():
    f = flag()
    shanghai = timezone(timedelta(hours=8))
    acted = datetime(2026, 8, 5, 9, tzinfo=shanghai)
    assert f.resolve(acted, "determination made") == datetime(2026, 8, 5, 1, tzinfo=timezone.utc)
    assert f.resolved_at.tzinfo == timezone.utc
