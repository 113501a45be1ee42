"""The vocabulary of a case's life and its audit trail (§8 case flow; M-43: officials' inaction must be provable;
M-31/§7: who, when, what, why).

Every change to a case appends one `CaseStep(at, kind, actor, detail)`; steps are never edited or removed, and they
are recorded in time order. `SYSTEM` is the actor of steps the platform takes by itself (overdue, automatic
closing, inaction flags); every other step names the officer, party or event that caused it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

SYSTEM = "system"


class CaseSource(StrEnum):
    EVENT = "event"  # e.g. a shortfall detected by the registry
    OFFICER = "officer"  # opened by an enforcement officer (inspection, complaint, ...)


class CaseStatus(StrEnum):
    """Where the case stands; derived from its facts after every step (see `PenaltyCase.status`)."""

    OPENED = "opened"  # no order issued yet
    ORDER_ISSUED = "order_issued"  # order running, deadline not reached, not complied with
    OVERDUE = "overdue"  # deadline passed, not complied with
    FINE_UNPAID = "fine_unpaid"  # complied with (or not), a fine decided and not yet paid
    AWAITING_DECISION = "awaiting_decision"  # complied with; a fine is due or may still be decided
    CLOSED = "closed"


class Closure(StrEnum):
    CORRECTED = "corrected"  # complied with in time, no fine due (M-37, M-38 ¶1)
    SETTLED_AND_PAID = "settled_and_paid"  # complied with and the fine paid
    SETTLED_NO_FINE = "settled_no_fine"  # M-39: shortfall made good, fine declined or not decided in the window
    DISMISSED = "dismissed"  # violation not established, before any fine was decided


class StepKind(StrEnum):
    OPENED = "opened"
    ORDER_ISSUED = "order_issued"
    OVERDUE = "overdue"
    CORRECTED = "corrected"
    SURRENDER_RECORDED = "surrender_recorded"
    SHORTFALL_REVISED = "shortfall_revised"  # M-39: a revised determination moved what is outstanding
    OBLIGATION_SETTLED = "obligation_settled"
    FINE_DECIDED = "fine_decided"
    FINE_DECLINED = "fine_declined"
    FINE_PAID = "fine_paid"
    MEASURES_APPLIED = "measures_applied"
    INACTION_FLAGGED = "inaction_flagged"
    DISMISSED = "dismissed"
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseStep:
    at: datetime  # UTC instant
    kind: StepKind
    actor: str
    detail: str
