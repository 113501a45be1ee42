"""The passage of time and the closing rule of a case (§8 case flow; M-37 to M-39 deadlines; M-43 inaction).

`tick(case, now)` records what fell due up to `now`: the order overdue (at or after the deadline instant), the end
of M-39's fine window, an M-43 inaction flag. `next_due(case)` is the earliest instant at which `tick` would record
anything, so a store can find the cases a tick concerns without loading the others. Every other step first lets time pass up to its own instant
(`begin`), so a correction at or after the deadline instant counts as late.

A case closes by itself once nothing is left to do (`close_if_done`):
- the order is complied with (corrected; for M-39 the shortfall made good — the fine never replaces the
  surrender), and
- a decided fine is paid; or no fine is due: M-37/M-38 ¶1 corrected in time; M-39 fine declined, or not decided
  within `fine_decision_window_days` after settlement (closed by `tick`).
M-38 ¶2, M-41, M-42 (fine mandatory, with the order) and M-37/M-38 ¶1 corrected late wait for a fine decision.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.history import SYSTEM, CaseStatus, CaseStep, Closure, StepKind
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy, end_of

if TYPE_CHECKING:
    from enforcement.domain.cases import PenaltyCase


def tick(case: PenaltyCase, now: datetime, policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    """Record what fell due up to `now` (overdue; end of M-39's fine window; M-43 inaction). A tick older than
    the last step is ignored (ticks may be redelivered); returns the steps added."""
    now = as_utc(now)
    if case.history and now < case.history[-1].at:
        return []
    return _advance(case, now, policy)


def _advance(case: PenaltyCase, now: datetime, policy: EnforcementPolicy) -> list[CaseStep]:
    start = len(case.history)
    if case.is_closed:
        return []
    due = case.overdue_from
    if due is not None and case.complied_at is None and case.overdue_at is None and now >= due:
        case.overdue_at = due
        record(case, now, StepKind.OVERDUE, SYSTEM, f"order deadline {case.order_deadline} passed without "
               f"compliance: {case.order_detail}")
    if (case.fine_window_end is not None and case.fine_decided_at is None
            and now >= end_of(case.fine_window_end)):
        close(case, now, Closure.SETTLED_NO_FINE,
              f"obligation settled; no fine decided by {case.fine_window_end}")
    since = case.awaiting_official_since(policy)
    if since is not None and since != case.inaction_flagged_for and now >= policy.inaction_alert_at(since):
        case.inaction_flagged_for = since
        record(case, now, StepKind.INACTION_FLAGGED, SYSTEM,
               f"no official act since {since.isoformat()} ({policy.inaction_alert_days} days or more, M-43)")
    refresh_status(case)
    return case.history[start:]


def next_due(case: PenaltyCase, policy: EnforcementPolicy = DEFAULT_POLICY) -> datetime | None:
    """The earliest instant at which `tick` adds a step to the case as it stands (None: time alone changes nothing
    until an act of the officer or the party)."""
    if case.is_closed:
        return None
    due: list[datetime] = []
    if case.overdue_from is not None and case.complied_at is None and case.overdue_at is None:
        due.append(case.overdue_from)
    if case.fine_window_end is not None and case.fine_decided_at is None:
        due.append(end_of(case.fine_window_end))
    since = case.awaiting_official_since(policy)
    if since is not None and since != case.inaction_flagged_for:
        due.append(policy.inaction_alert_at(since))
    return min(due, default=None)


# ---- shared by the step functions (cases, orders, fines, measures) ----

def begin(case: PenaltyCase, at: datetime, actor: str, policy: EnforcementPolicy) -> datetime:
    """Check the actor and the step's instant (not before the last step), then let time pass up to it."""
    require_text(actor, "actor")
    at = as_utc(at)
    if case.history and at < case.history[-1].at:
        raise Conflict(f"case {case.case_id} already has a step at {case.history[-1].at.isoformat()}; steps are "
                       "recorded in time order", field="at")
    _advance(case, at, policy)
    return at


def require_open(case: PenaltyCase) -> None:
    if case.is_closed:
        raise Conflict(f"case {case.case_id} is closed ({case.closure})")


def require_text(value: object, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleViolation(f"{field_name} is required", field=field_name)
    return value.strip()


def record(case: PenaltyCase, at: datetime, kind: StepKind, actor: str, detail: str) -> CaseStep:
    step = CaseStep(at=at, kind=kind, actor=actor, detail=detail)
    case.history.append(step)
    return step


def close(case: PenaltyCase, at: datetime, closure: Closure, detail: str) -> None:
    case.closed_at, case.closure = at, closure
    record(case, at, StepKind.CLOSED, SYSTEM, f"{closure}: {detail}")
    refresh_status(case)


def close_if_done(case: PenaltyCase, at: datetime, policy: EnforcementPolicy) -> None:
    """Close when complied with and no fine is outstanding; open M-39's fine window on settlement."""
    if case.is_closed or case.complied_at is None:
        refresh_status(case)
        return
    rule = case.rule(policy)
    if case.fine_decided_at is not None:
        if case.fine_paid_at is not None:
            close(case, at, Closure.SETTLED_AND_PAID, "complied with and the fine paid")
    elif case.fine_declined_at is not None:
        close(case, at, Closure.SETTLED_NO_FINE, "complied with; fine declined")
    elif rule.fine_optional:
        if case.fine_window_end is None:
            case.fine_window_end = policy.fine_window_end(regulatory_date(case.complied_at))
    elif rule.fine_after_deadline_only and case.overdue_at is None:
        close(case, at, Closure.CORRECTED, "corrected before the deadline; no fine (M-37/M-38 ¶1)")
    refresh_status(case)


def refresh_status(case: PenaltyCase) -> None:
    if case.is_closed:
        case.status = CaseStatus.CLOSED
    elif case.fine_decided_at is not None and case.fine_paid_at is None:
        case.status = CaseStatus.FINE_UNPAID
    elif case.complied_at is None:
        case.status = (CaseStatus.OPENED if case.order_issued_at is None
                       else CaseStatus.OVERDUE if case.overdue_at is not None else CaseStatus.ORDER_ISSUED)
    else:
        case.status = CaseStatus.AWAITING_DECISION
