"""Orders and compliance (M-37, M-38, M-41, M-42: 责令限期改正; M-39: 责令履行配额清缴义务), and dismissal.

- `issue_order`: one order per case, with a deadline (default `order_deadline_days` after the Shanghai date of
  issue; an officer may set a later or earlier date, but not the day of issue or before).
- `record_correction`: the party corrected (M-37, M-38, M-41, M-42). Corrections and surrenders are accepted even
  before the order is issued (the party may act first); after that no order is issued any more.
- `record_surrender` / `settle_obligation` (M-39 only): allowances surrendered towards the shortfall; the
  obligation is settled when nothing is outstanding. Only this settles an M-39 case — never a fine payment.
- `revise_shortfall` (M-39 only): a revised determination (M-15 correction) moved the shortfall; the case follows
  the registry's new figure of what is outstanding (a revision that covers everything settles instead).
- `dismiss`: the officer finds the violation not established; allowed until a fine is decided.
"""
from __future__ import annotations

from datetime import date, datetime

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.articles import OrderKind
from enforcement.domain.cases import PenaltyCase
from enforcement.domain.lifecycle import begin, close, close_if_done, record, require_open, require_text
from enforcement.domain.history import CaseStep, Closure, StepKind
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy


def issue_order(case: PenaltyCase, at: datetime, actor: str, *, deadline: date | None = None,
                policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    start = len(case.history)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.order_issued_at is not None:
        raise Conflict(f"case {case.case_id} already has an order (deadline {case.order_deadline})")
    if case.complied_at is not None:
        raise Conflict(f"case {case.case_id} was already complied with; there is nothing to order")
    issued_on = regulatory_date(at)
    if deadline is None:
        deadline = policy.order_deadline(issued_on)
    elif not isinstance(deadline, date) or isinstance(deadline, datetime) or deadline <= issued_on:
        raise RuleViolation(f"the order's deadline must be a date after the day of issue {issued_on}",
                            field="deadline", article=case.article.value)
    case.order_issued_at, case.order_deadline = at, deadline
    record(case, at, StepKind.ORDER_ISSUED, actor, f"{case.order_kind}: {case.order_detail}; by {deadline}")
    close_if_done(case, at, policy)
    return case.history[start:]


def record_correction(case: PenaltyCase, at: datetime, actor: str, detail: str,
                      policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    start = len(case.history)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.order_kind is OrderKind.SURRENDER:
        raise Conflict("an M-39 case is complied with only by surrendering the shortfall (M-16)")
    if case.complied_at is not None:
        raise Conflict(f"case {case.case_id} was already corrected")
    detail = require_text(detail, "detail")
    case.complied_at = at
    late = " after the deadline" if case.overdue_at is not None else ""
    record(case, at, StepKind.CORRECTED, actor, f"corrected{late}: {detail}")
    close_if_done(case, at, policy)
    return case.history[start:]


def record_surrender(case: PenaltyCase, at: datetime, actor: str, tonnes: int,
                     policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    """M-39: `tonnes` allowances (or CCERs) surrendered for the case's compliance year; settles at zero."""
    start = len(case.history)
    _require_surrender_case(case)
    if isinstance(tonnes, bool) or not isinstance(tonnes, int) or tonnes < 1:
        raise RuleViolation("a surrender is at least 1 whole tonne", field="tonnes", article="M-39")
    at = begin(case, at, actor, policy)
    require_open(case)
    _require_unsettled(case)
    case.outstanding_tonnes = max(0, (case.outstanding_tonnes or 0) - tonnes)
    record(case, at, StepKind.SURRENDER_RECORDED, actor,
           f"{tonnes} t surrendered for {case.compliance_year}; {case.outstanding_tonnes} t outstanding")
    if case.outstanding_tonnes == 0:
        _settle(case, at, actor, policy)
    return case.history[start:]


def revise_shortfall(case: PenaltyCase, at: datetime, actor: str, outstanding: int,
                     policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    """M-39: the registry reports the year's shortfall after a revised determination; the case follows it."""
    start = len(case.history)
    _require_surrender_case(case)
    if isinstance(outstanding, bool) or not isinstance(outstanding, int) or outstanding < 1:
        raise RuleViolation("a revised shortfall is at least 1 whole tonne (none left settles the case)",
                            field="outstanding", article="M-39")
    at = begin(case, at, actor, policy)
    require_open(case)
    _require_unsettled(case)
    before, case.outstanding_tonnes = case.outstanding_tonnes, outstanding
    record(case, at, StepKind.SHORTFALL_REVISED, actor,
           f"determination for {case.compliance_year} revised: {before} t outstanding before, {outstanding} t now")
    return case.history[start:]


def settle_obligation(case: PenaltyCase, at: datetime, actor: str,
                      policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    """M-39: the registry reports the year's obligation met in full (the registry is the source of truth)."""
    start = len(case.history)
    _require_surrender_case(case)
    at = begin(case, at, actor, policy)
    require_open(case)
    _require_unsettled(case)
    case.outstanding_tonnes = 0
    _settle(case, at, actor, policy)
    return case.history[start:]


def dismiss(case: PenaltyCase, at: datetime, actor: str, reasons: str,
            policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    start = len(case.history)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.fine_decided_at is not None:
        raise Conflict(f"case {case.case_id} has a decided fine; it cannot be dismissed")
    reasons = require_text(reasons, "reasons")
    record(case, at, StepKind.DISMISSED, actor, reasons)
    close(case, at, Closure.DISMISSED, reasons)
    return case.history[start:]


def _require_surrender_case(case: PenaltyCase) -> None:
    if case.order_kind is not OrderKind.SURRENDER:
        raise Conflict(f"a {case.article} case is complied with by correction, not by surrender")


def _require_unsettled(case: PenaltyCase) -> None:
    if case.complied_at is not None:
        raise Conflict(f"the obligation of case {case.case_id} is already settled")


def _settle(case: PenaltyCase, at: datetime, actor: str, policy: EnforcementPolicy) -> None:
    case.complied_at = at
    paid = "; fine paid" if case.fine_paid_at else ""
    record(case, at, StepKind.OBLIGATION_SETTLED, actor,
           f"surrender obligation for {case.compliance_year} settled{paid}")
    close_if_done(case, at, policy)
