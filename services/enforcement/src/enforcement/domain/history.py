"""The vocabulary of a case's life and its steps (§8 case flow; M-43: officials' acts and inaction must be provable;
M-31/§7: who, when, what, why).

Every change to a case appends one `CaseStep(at, kind, actor, detail, ref)`; steps are never edited or removed, they
are recorded in time order, and each becomes an entry of the tamper-evident decision log and an event. `SYSTEM` is
the actor of the steps the platform takes by itself (overdue, automatic closing, inaction flags); every other step
names the officer, party or event that caused it. `ref` points at the step's child record where it has one: the
number of a four-eyes proposal, an objection or appeal, a batch of M-40 measures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from ets_shared.errors import RuleViolation

SYSTEM = "system"


class CaseSource(StrEnum):
    EVENT = "event"  # a violation another service reported (a shortfall, a missing report, ...)
    OFFICER = "officer"  # opened by an enforcement officer (inspection, complaint, ...)


class CaseStatus(StrEnum):
    """Where the case stands; derived from its facts after every step."""

    OPENED = "opened"  # no order issued yet
    ORDER_ISSUED = "order_issued"  # order running, deadline not reached, not complied with
    OVERDUE = "overdue"  # deadline passed, not complied with
    FINE_UNPAID = "fine_unpaid"  # a fine decided and not yet paid
    AWAITING_DECISION = "awaiting_decision"  # complied with; a fine is due or may still be decided
    CLOSED = "closed"


class Closure(StrEnum):
    CORRECTED = "corrected"  # complied with in time, no fine due (M-37, M-38 ¶1)
    SETTLED_AND_PAID = "settled_and_paid"  # complied with and the fine paid
    SETTLED_NO_FINE = "settled_no_fine"  # M-39: shortfall made good, fine declined or not decided in the window
    DISMISSED = "dismissed"  # violation not established, before any fine was decided
    REVOKED = "revoked"  # the decision was revoked on administrative reconsideration or litigation


class DecisionKind(StrEnum):
    """The officer's decisions a second officer may have to approve (four eyes, M-43; policy `four_eyes`)."""

    FINE = "fine"  # penalty decision (M-37 to M-42)
    FINE_DECLINED = "fine_declined"  # M-39: no fine ("可以")
    DISMISSAL = "dismissal"  # the violation is not established
    MEASURES = "measures"  # M-40 measures


DecisionKindCode = Literal["fine", "fine_declined", "dismissal", "measures"]  # a DecisionKind's value, in schemas


class StepKind(StrEnum):
    OPENED = "opened"
    ORDER_ISSUED = "order_issued"
    OVERDUE = "overdue"
    CORRECTED = "corrected"
    SHORTFALL_REVISED = "shortfall_revised"  # M-39: a revised determination moved what is outstanding
    OBLIGATION_SETTLED = "obligation_settled"
    DECISION_PROPOSED = "decision_proposed"  # four eyes: waits for a second officer
    DECISION_APPROVED = "decision_approved"
    DECISION_REJECTED = "decision_rejected"
    FINE_DECIDED = "fine_decided"
    FINE_DECLINED = "fine_declined"
    PENALTY_NOTIFIED = "penalty_notified"  # the decision served on the party; the payment period runs
    PAYMENT_OVERDUE = "payment_overdue"
    FINE_PAID = "fine_paid"
    MEASURES_APPLIED = "measures_applied"
    MEASURES_LIFTED = "measures_lifted"
    OBJECTION_FILED = "objection_filed"  # 陈述、申辩 before the penalty decision
    OBJECTION_DECIDED = "objection_decided"
    APPEAL_LODGED = "appeal_lodged"  # 行政复议 / 行政诉讼 against the decision
    APPEAL_DECIDED = "appeal_decided"
    INACTION_FLAGGED = "inaction_flagged"
    PARTY_SUCCEEDED = "party_succeeded"  # M-10: the party merged or split; its open case passed to its successor
    DISMISSED = "dismissed"  # kept for histories recorded before dismissal became a closing step
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseStep:
    at: datetime  # UTC instant
    kind: StepKind
    actor: str
    detail: str
    ref: int | None = None


def person_of(actor: str) -> str | None:
    """The person behind an actor (`role:subject@party` → `subject`), or None for the platform itself and for
    events. Two tokens of one person (say an officer's and the same official's authority token) are one person."""
    role, _, rest = actor.partition(":")
    if not rest or role in ("event", SYSTEM, "clock"):
        return None
    return rest.split("@", 1)[0]


def require_text(value: object, field_name: str) -> str:
    """`value` stripped, or RuleViolation naming the field when it is missing or blank."""
    if not isinstance(value, str) or not value.strip():
        raise RuleViolation(f"{field_name} is required", field=field_name)
    return value.strip()
