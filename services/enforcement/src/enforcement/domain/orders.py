"""The order as issued (`Order`), and the order and compliance as methods of `PenaltyCase` (M-37, M-38, M-41,
M-42: 责令限期改正; M-39: 责令履行配额清缴义务).

- `issue_order`: one order per case, with a deadline (default: the article's `order_deadline_days` after the
  Shanghai date of issue; an officer may set another date after the day of issue).
- `record_correction`: the party corrected (M-37, M-38, M-41, M-42). Accepted even before the order (the party may
  act first); after that no order is issued any more.
- `settle_obligation` (M-39 only): the registry reports the obligation settled (the surrenders themselves are the
  registry's, in allocation). Only this settles an M-39 case — never a fine payment.
- `revise_shortfall` (M-39 only): a revised determination (M-15 correction) moved the shortfall; the case follows
  the registry's new figure of what is outstanding.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.case_state import CaseState
from enforcement.domain.articles import OrderKind
from enforcement.domain.history import CaseStep, StepKind, require_text
from enforcement.domain.policy import EnforcementPolicy, end_of


@dataclass(frozen=True)
class Order:
    """The order to correct (责令限期改正) or to surrender (M-39) as issued."""

    issued_at: datetime
    deadline: date  # last Shanghai date to comply in time
    issued_by: str
    overdue_at: datetime | None = None  # the deadline instant, once time passed it uncomplied

    @property
    def overdue_from(self) -> datetime:
        """00:00 Shanghai after the order's last day: from then the order is overdue."""
        return end_of(self.deadline)


class OrdersMixin(CaseState):
    def issue_order(self, at: datetime, actor: str, policy: EnforcementPolicy, *,
                    deadline: date | None = None) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        self._require_open()
        if self.order is not None:
            raise Conflict(f"case {self.case_id} already has an order (deadline {self.order.deadline})")
        if self.complied_at is not None:
            raise Conflict(f"case {self.case_id} was already complied with; there is nothing to order")
        issued_on = regulatory_date(at)
        if deadline is None:
            deadline = policy.order_deadline(self.article, issued_on)
        elif not isinstance(deadline, date) or isinstance(deadline, datetime) or deadline <= issued_on:
            raise RuleViolation(f"the order's deadline must be a date after the day of issue {issued_on}",
                                field="deadline", article=self.article.value)
        self.order = Order(issued_at=at, deadline=deadline, issued_by=actor)
        self._record(at, StepKind.ORDER_ISSUED, actor, f"{self.order_kind}: {self.order_detail}; by {deadline}")
        self._close_if_done(at, policy)
        return self.history[start:]

    def record_correction(self, at: datetime, actor: str, detail: str,
                          policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        self._require_open()
        if self.order_kind is OrderKind.SURRENDER:
            raise Conflict("an M-39 case is complied with only by surrendering the shortfall (M-16)")
        if self.complied_at is not None:
            raise Conflict(f"case {self.case_id} was already corrected")
        detail = require_text(detail, "detail")
        self.complied_at = at
        late = " after the deadline" if self.order is not None and self.order.overdue_at is not None else ""
        self._record(at, StepKind.CORRECTED, actor, f"corrected{late}: {detail}")
        self._close_if_done(at, policy)
        return self.history[start:]

    def revise_shortfall(self, at: datetime, actor: str, outstanding: int,
                         policy: EnforcementPolicy) -> list[CaseStep]:
        """M-39: the registry reports the year's shortfall after a revised determination; the case follows it."""
        start = len(self.history)
        self._require_surrender_case()
        if isinstance(outstanding, bool) or not isinstance(outstanding, int) or outstanding < 1:
            raise RuleViolation("a revised shortfall is at least 1 whole tonne (none left settles the case)",
                                field="outstanding", article="M-39")
        at = self._begin(at, actor, policy)
        self._require_open()
        self._require_unsettled()
        before, self.outstanding_tonnes = self.outstanding_tonnes, outstanding
        self._record(at, StepKind.SHORTFALL_REVISED, actor, f"determination for {self.compliance_year} revised: "
                                                            f"{before} t outstanding before, {outstanding} t now")
        return self.history[start:]

    def settle_obligation(self, at: datetime, actor: str, policy: EnforcementPolicy) -> list[CaseStep]:
        """M-39: the registry reports the year's obligation met in full (the registry is the source of truth)."""
        start = len(self.history)
        self._require_surrender_case()
        at = self._begin(at, actor, policy)
        self._require_open()
        self._require_unsettled()
        self.outstanding_tonnes = 0
        self._settle(at, actor, policy)
        return self.history[start:]

    def _require_surrender_case(self) -> None:
        if self.order_kind is not OrderKind.SURRENDER:
            raise Conflict(f"a {self.article} case is complied with by correction, not by surrender")

    def _require_unsettled(self) -> None:
        if self.complied_at is not None:
            raise Conflict(f"the obligation of case {self.case_id} is already settled")

    def _settle(self, at: datetime, actor: str, policy: EnforcementPolicy) -> None:
        self.complied_at = at
        paid = "; fine paid" if self.penalty is not None and self.penalty.paid_at else ""
        self._record(at, StepKind.OBLIGATION_SETTLED, actor,
                     f"surrender obligation for {self.compliance_year} settled{paid}")
        self._close_if_done(at, policy)
