"""The decided fine (`Penalty`); penalty decisions, their service and payment, and dismissal — methods of
`PenaltyCase` (fines of M-37, M-38 ¶1, M-38 ¶2, M-39, M-41, M-42 within inclusive ranges, M-44).

- `decide_fine`: once, with reasons, within the article's range; it needs the order (or the party already
  complied). M-37 / M-38 ¶1 ("逾期未改正的,处以"): only once the correction deadline passed uncorrected. M-38 ¶2,
  M-41, M-42 ("责令限期改正,处以"): together with the order. M-39: optional, and still possible within
  `fine_decision_window_days` after the shortfall was made good. Not while the party's objection awaits decision.
- `decline_fine`: M-39 only ("可以处以"); elsewhere the fine is mandatory.
- `dismiss`: the violation is not established; until a fine is decided. The case closes `dismissed`.
  These three go through four eyes (`decisions`) where the policy says so.
- `notify_penalty`: the decision served on the party (送达) on a date, by a method; the fine is due within
  `payment_days` of that date (payment overdue at the tick after).
- `record_payment`: the full amount, after service. Paying never settles the order: an M-39 case stays open until
  the shortfall is surrendered (解读 5: the fine never replaces the surrender).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.case_state import CaseState
from enforcement.domain.articles import validate_fine
from enforcement.domain.history import CaseStep, Closure, DecisionKind, StepKind, require_text
from enforcement.domain.money import format_yuan, to_yuan
from enforcement.domain.policy import EnforcementPolicy, add_years


class ServiceMethod(StrEnum):
    """How a penalty decision was served (送达方式)."""

    IN_PERSON = "in_person"  # 直接送达
    POST = "post"  # 邮寄送达
    ELECTRONIC = "electronic"  # 电子送达, with the party's consent
    PUBLIC_NOTICE = "public_notice"  # 公告送达


@dataclass(frozen=True)
class Penalty:
    """The decided fine, its service on the party and its payment."""

    amount: Decimal
    reasons: str
    decided_at: datetime
    decided_by: str  # the officer who decided (or proposed) it
    approved_by: str | None = None  # the second officer (four eyes)
    public_until: date | None = None  # last day of the decision's publicity period
    original_amount: Decimal | None = None  # before an appeal reduced it
    served_on: date | None = None
    service_method: str | None = None
    payment_due: date | None = None
    payment_overdue_at: datetime | None = None
    paid_at: datetime | None = None
    revoked_at: datetime | None = None


class PenaltiesMixin(CaseState):
    def decide_fine(self, at: datetime, actor: str, amount: object, reasons: str,
                    policy: EnforcementPolicy) -> list[CaseStep]:
        fine = validate_fine(self.rule(policy), amount)
        return self._decide(DecisionKind.FINE, {"amount": str(fine), "reasons": reasons},
                            f"fine {format_yuan(fine)} yuan under {self.article}: {reasons}", at, actor, policy)

    def decline_fine(self, at: datetime, actor: str, reasons: str,
                     policy: EnforcementPolicy) -> list[CaseStep]:
        """M-39: the authority decides not to fine ("可以"). The surrender obligation is untouched."""
        return self._decide(DecisionKind.FINE_DECLINED, {"reasons": reasons}, f"no fine: {reasons}", at, actor,
                            policy)

    def dismiss(self, at: datetime, actor: str, reasons: str, policy: EnforcementPolicy) -> list[CaseStep]:
        return self._decide(DecisionKind.DISMISSAL, {"reasons": reasons}, f"dismiss: {reasons}", at, actor, policy)

    def notify_penalty(self, at: datetime, actor: str, served_on: date, method: ServiceMethod | str,
                       policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        penalty = self._live_penalty()
        if penalty.served_on is not None:
            raise Conflict(f"the decision of case {self.case_id} was served on {penalty.served_on}")
        try:
            method = ServiceMethod(method)
        except ValueError:
            raise RuleViolation(f"unknown service method {method!r}", field="method") from None
        decided_on, today = regulatory_date(penalty.decided_at), regulatory_date(at)
        if not isinstance(served_on, date) or isinstance(served_on, datetime) or not (
                decided_on <= served_on <= today):
            raise RuleViolation(f"the decision was served between its date {decided_on} and today {today}",
                                field="served_on", article=self.article.value)
        due = policy.payment_due(served_on)
        self.penalty = replace(penalty, served_on=served_on, service_method=method.value, payment_due=due)
        self._record(at, StepKind.PENALTY_NOTIFIED, actor, f"decision served on {served_on} ({method}); "
                                                           f"{format_yuan(penalty.amount)} yuan due by {due}")
        self._advance(at, policy)  # served long ago: the payment may already be overdue
        return self.history[start:]

    def record_payment(self, at: datetime, actor: str, amount: object,
                       policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        penalty = self._live_penalty()
        if penalty.paid_at is not None:
            raise Conflict(f"the fine of case {self.case_id} is already paid")
        if penalty.served_on is None:
            raise Conflict(f"the decision of case {self.case_id} has not been served yet; the fine is paid after "
                           "service (POST /cases/{case_id}/penalty/notification)")
        paid = to_yuan(amount, field="amount", article=self.article.value)
        if paid != penalty.amount:
            raise RuleViolation(f"the fine is paid in full: {format_yuan(penalty.amount)} yuan, not "
                                f"{format_yuan(paid)}", field="amount", article=self.article.value)
        self.penalty = replace(penalty, paid_at=at)
        still = "" if self.complied_at else f"; the fine does not replace the order: {self.order_detail}"
        self._record(at, StepKind.FINE_PAID, actor, f"{format_yuan(paid)} yuan paid{still}")
        self._close_if_done(at, policy)
        return self.history[start:]

    def _live_penalty(self) -> Penalty:
        if self.penalty is None or self.penalty.revoked_at is not None:
            raise Conflict(f"case {self.case_id} has no decided fine")
        return self.penalty

    # -- the decisions' checks and effects (through `decisions`) ---------------------------------------------------
    def _check_fine(self, payload: Mapping[str, Any], policy: EnforcementPolicy) -> None:
        self._require_open()
        self._require_no_fine()
        if self.order is None and self.complied_at is None:
            raise Conflict(f"case {self.case_id} has no order yet; a fine follows the order")
        rule = self.rule(policy)
        if rule.fine_after_deadline_only and (self.order is None or self.order.overdue_at is None):
            deadline = self.order.deadline if self.order is not None else None
            raise RuleViolation(f"an {rule.article} fine is only for a violation not corrected by the deadline "
                                f"(逾期未改正); deadline {deadline}", article=rule.article.value)
        if any(c.pending and c.is_objection for c in self.challenges):
            raise Conflict(f"the party's objection to case {self.case_id} awaits decision; a fine follows it "
                           "(陈述、申辩)", article=rule.article.value)
        validate_fine(rule, Decimal(payload["amount"]))
        require_text(payload["reasons"], "reasons")

    def _apply_fine(self, payload: Mapping[str, Any], at: datetime, actor: str,
                    approved_by: str | None, policy: EnforcementPolicy) -> None:
        fine, reasons = Decimal(payload["amount"]), require_text(payload["reasons"], "reasons")
        decided_by = actor
        public_until = add_years(regulatory_date(at), policy.publicity_years) - timedelta(days=1)
        self.penalty = Penalty(amount=fine, reasons=reasons, decided_at=at, decided_by=decided_by,
                               approved_by=approved_by, public_until=public_until)
        stands = "" if self.complied_at is not None else f"; the order stands: {self.order_detail}"
        approved = f"; approved by {approved_by}" if approved_by else ""
        self._record(at, StepKind.FINE_DECIDED, approved_by or actor,
                     f"fine {format_yuan(fine)} yuan under {self.article} decided by {decided_by}{approved}: "
                     f"{reasons}{stands}")
        self._close_if_done(at, policy)

    def _check_decline(self, payload: Mapping[str, Any], policy: EnforcementPolicy) -> None:
        rule = self.rule(policy)
        if not rule.fine_optional:
            raise RuleViolation(f"the {rule.article} fine is mandatory (处以); it cannot be declined",
                                article=rule.article.value)
        self._require_open()
        self._require_no_fine()
        require_text(payload["reasons"], "reasons")

    def _apply_decline(self, payload: Mapping[str, Any], at: datetime, actor: str,
                       approved_by: str | None, policy: EnforcementPolicy) -> None:
        self.fine_declined_at = at
        approved = f" (approved by {approved_by})" if approved_by else ""
        self._record(at, StepKind.FINE_DECLINED, approved_by or actor,
                     f"no fine, decided by {actor}{approved}: {payload['reasons']}")
        self._close_if_done(at, policy)

    def _check_dismissal(self, payload: Mapping[str, Any], _policy: EnforcementPolicy) -> None:
        self._require_open()
        if self.penalty is not None:
            raise Conflict(f"case {self.case_id} has a decided fine; it cannot be dismissed (appeal instead)")
        require_text(payload["reasons"], "reasons")

    def _apply_dismissal(self, payload: Mapping[str, Any], at: datetime, actor: str,
                         approved_by: str | None, _policy: EnforcementPolicy) -> None:
        approved = f", approved by {approved_by}" if approved_by else ""
        self._close(at, Closure.DISMISSED, f"violation not established (decided by {actor}{approved}): "
                                           f"{payload['reasons']}")

    def _require_no_fine(self) -> None:
        if self.penalty is not None:
            raise Conflict(f"case {self.case_id} already has a fine of {format_yuan(self.penalty.amount)} yuan")
        if self.fine_declined_at is not None:
            raise Conflict(f"the fine of case {self.case_id} was declined")
