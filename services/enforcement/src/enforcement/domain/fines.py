"""Penalty decisions and payment (fines of M-37, M-38 ¶1, M-38 ¶2, M-39, M-41, M-42; inclusive ranges, M-44).

- `decide_fine`: once per case (a second decision is a Conflict), with reasons, within the article's range.
  It needs the order issued (or the party already complied). M-37 / M-38 ¶1 ("逾期未改正的,处以"): only once the
  correction deadline has passed uncorrected. M-38 ¶2, M-41, M-42: together with the order. M-39: optional, and
  still possible within `fine_decision_window_days` after the shortfall was made good.
- `decline_fine`: M-39 only ("可以处以"); elsewhere the fine is mandatory.
- `record_payment`: the full decided amount. Paying never settles the order: an M-39 case stays open until the
  shortfall is surrendered (解读 5: the fine never replaces the surrender).
"""
from __future__ import annotations

from datetime import datetime

from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.articles import validate_fine
from enforcement.domain.cases import PenaltyCase
from enforcement.domain.lifecycle import begin, close_if_done, record, require_open, require_text
from enforcement.domain.history import CaseStep, StepKind
from enforcement.domain.money import format_yuan, to_yuan
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy


def decide_fine(case: PenaltyCase, at: datetime, actor: str, amount: object, reasons: str,
                policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    start = len(case.history)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.fine_decided_at is not None:
        raise Conflict(f"case {case.case_id} already has a fine of {format_yuan(case.fine_amount)} yuan")
    if case.fine_declined_at is not None:
        raise Conflict(f"the fine of case {case.case_id} was declined")
    if case.order_issued_at is None and case.complied_at is None:
        raise Conflict(f"case {case.case_id} has no order yet; a fine follows the order")
    rule = case.rule(policy)
    if rule.fine_after_deadline_only and case.overdue_at is None:
        raise RuleViolation(f"an {rule.article} fine is only for a violation not corrected by the deadline "
                            f"(逾期未改正); deadline {case.order_deadline}", article=rule.article.value)
    fine = validate_fine(rule, amount)
    reasons = require_text(reasons, "reasons")
    case.fine_amount, case.fine_reasons, case.fine_decided_at = fine, reasons, at
    stands = ""
    if case.complied_at is None:
        stands = f"; the order stands: {case.order_detail}"
    record(case, at, StepKind.FINE_DECIDED, actor,
           f"fine {format_yuan(fine)} yuan under {rule.article}: {reasons}{stands}")
    close_if_done(case, at, policy)
    return case.history[start:]


def decline_fine(case: PenaltyCase, at: datetime, actor: str, reasons: str,
                 policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    """M-39: the authority decides not to fine ("可以"). The surrender obligation is untouched."""
    start = len(case.history)
    rule = case.rule(policy)
    if not rule.fine_optional:
        raise RuleViolation(f"the {rule.article} fine is mandatory (处以); it cannot be declined",
                            article=rule.article.value)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.fine_decided_at is not None:
        raise Conflict(f"case {case.case_id} already has a fine of {format_yuan(case.fine_amount)} yuan")
    if case.fine_declined_at is not None:
        raise Conflict(f"the fine of case {case.case_id} was already declined")
    reasons = require_text(reasons, "reasons")
    case.fine_declined_at = at
    record(case, at, StepKind.FINE_DECLINED, actor, reasons)
    close_if_done(case, at, policy)
    return case.history[start:]


def record_payment(case: PenaltyCase, at: datetime, actor: str, amount: object,
                   policy: EnforcementPolicy = DEFAULT_POLICY) -> list[CaseStep]:
    start = len(case.history)
    at = begin(case, at, actor, policy)
    require_open(case)
    if case.fine_decided_at is None:
        raise Conflict(f"case {case.case_id} has no decided fine to pay")
    if case.fine_paid_at is not None:
        raise Conflict(f"the fine of case {case.case_id} is already paid")
    paid = to_yuan(amount, field="amount", article=case.article.value)
    if paid != case.fine_amount:
        raise RuleViolation(f"the fine is paid in full: {format_yuan(case.fine_amount)} yuan, not "
                            f"{format_yuan(paid)}", field="amount", article=case.article.value)
    case.fine_paid_at = at
    still = "" if case.complied_at else f"; the fine does not replace the order: {case.order_detail}"
    record(case, at, StepKind.FINE_PAID, actor, f"{format_yuan(paid)} yuan paid{still}")
    close_if_done(case, at, policy)
    return case.history[start:]
