"""Exit (关停和迁出, M-18): an entity that dissolves, deregisters, stops production or leaves Shanghai reports its
current-year emissions within `exit_report_days` (15) days, is verified and determined like any other report,
surrenders for that year, and 50 % of the free allowances it already received for later years are recalled.

- The report is due on `exit_on + exit_report_days` (Shanghai date, inclusive: "在15日内"); from 00:00 the day after it
  is missing (mrv flags it, enforcement opens its case).
- **Recall rounding**: per later vintage, `exit_recall_ratio` (0.5) x the free allowances issued for that vintage,
  ROUND_HALF_UP to a whole allowance — an odd 101 recalls 51 (the half goes to the authority, as a recall "的50%"
  leaves the entity no more than half). The units are taken from the entity's holding of that same vintage; what it
  no longer holds (sold, transferred) is stated as `unrecovered`, never taken from another vintage.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ets_shared.errors import RuleViolation


@dataclass(frozen=True)
class RecallLine:
    """One later vintage: what was issued free, what the ratio recalls, what was taken and what could not be."""

    vintage: int
    issued_free: int
    due: int
    recalled: int

    @property
    def unrecovered(self) -> int:
        return self.due - self.recalled


def recall_due(issued_free: int, ratio: Decimal) -> int:
    """M-18: ratio x the free allowances of one vintage, ROUND_HALF_UP to a whole allowance."""
    if isinstance(issued_free, bool) or not isinstance(issued_free, int) or issued_free < 0:
        raise RuleViolation("issued allowances are a whole number of at least 0", field="issued_free",
                            article="M-18")
    return int((Decimal(issued_free) * ratio).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def plan_recall(exit_year: int, issued_free: dict[int, int], held: dict[int, int],
                ratio: Decimal) -> list[RecallLine]:
    """The recall of every vintage after `exit_year` with free allowances issued, each taken from the holding of
    that vintage up to what is held."""
    lines = []
    for vintage in sorted(v for v in issued_free if v > exit_year):
        due = recall_due(issued_free[vintage], ratio)
        if due:
            lines.append(RecallLine(vintage, issued_free[vintage], due, min(due, held.get(vintage, 0))))
    return lines


def exit_report_due(exit_on: date, days: int) -> date:
    """The last (Shanghai) day of the exit report: "应当在15日内" counted from the day after the exit event."""
    return exit_on + timedelta(days=days)


def check_exit_date(exit_on: date, today: date, registered_on: date) -> None:
    if exit_on > today:
        raise RuleViolation(f"an exit dated {exit_on} lies in the future", field="exit_on", article="M-18")
    if exit_on < registered_on:
        raise RuleViolation(f"the entity was registered on {registered_on}, after {exit_on}", field="exit_on",
                            article="M-18")
