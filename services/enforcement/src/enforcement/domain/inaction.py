"""M-43 (二)(四): an official who does not act on a duty is accountable, so the platform records every deadline an
official let pass — in the enforcement office's own cases (an order not issued, a fine not decided, a proposal not
approved, an objection not decided: `PenaltyCase.awaiting_official_since`) and in the other services' deadlines the
authority owns (a determination not made within M-15's 30 days, reported by mrv as `determination.overdue`).

An `InactionFlag` names who had to act, on what, by when; it is resolved — never removed — when the act comes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ets_shared.clock import as_utc


@dataclass
class InactionFlag:
    flag_id: str
    responsible: str  # "authority", "enforcement office"
    service: str  # where the duty lives: "mrv", "enforcement"
    subject_ref: str  # "report:RPT-E-0001-2025", "case:CASE-…"
    duty: str
    due_on: date | None  # the deadline missed (None: a case waiting without a fixed deadline)
    found_at: datetime
    party_id: str | None = None
    case_id: str | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None

    @property
    def open(self) -> bool:
        return self.resolved_at is None

    def resolve(self, at: datetime, how: str) -> datetime | None:
        """Record the act that ended the inaction: when it ended (not before it was found); None if already
        resolved."""
        if not self.open:
            return None
        self.resolved_at, self.resolution = max(as_utc(at), self.found_at), how
        return self.resolved_at
