"""The enforcement case, an aggregate (§8 case flow; M-37 to M-43).

A case is opened against a party under one article — from a violation another service reported, or by an officer —
and then changes only through its methods, each taking the case's year's `EnforcementPolicy` explicitly and
returning the steps it appended (each becomes a decision-log entry and an event):

- here: `open`, time passing (`tick`, `next_due`), the closing rule, the M-43 inaction rule;
- `orders`: the order, correction, surrender and settlement (M-39), revised shortfalls;
- `penalties`: fine, declined fine, dismissal (through `decisions`), service of the decision, payment;
- `decisions`: four eyes — a decision the year's policy names waits for a second officer;
- `measures`: M-40; `challenges`: objections (陈述、申辩) and appeals (行政复议、行政诉讼).

A case closes by itself once nothing is left to do: the order complied with (corrected; for M-39 the shortfall made
good — the fine never replaces the surrender) and a decided fine paid, or no fine due (M-37/M-38 ¶1 corrected in
time; M-39 fine declined, or not decided within the window after settlement). M-38 ¶2, M-41 and M-42 (fine with the
order) and M-37/M-38 ¶1 corrected late wait for the fine.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.articles import Article, OrderKind, PartyKind, PenaltyArticle
from enforcement.domain.challenges import Challenge, ChallengesMixin
from enforcement.domain.decisions import DecisionsMixin, Proposal
from enforcement.domain.history import SYSTEM, CaseSource, CaseStatus, CaseStep, Closure, StepKind, require_text
from enforcement.domain.measures import Measure, MeasuresMixin
from enforcement.domain.orders import Order, OrdersMixin
from enforcement.domain.penalties import PenaltiesMixin, Penalty
from enforcement.domain.policy import EnforcementPolicy, end_of
from enforcement.domain.violations import Violation

FIRST_COMPLIANCE_YEAR = 2013  # the Measures took effect on 2013-11-20


@dataclass
class PenaltyCase(OrdersMixin, PenaltiesMixin, DecisionsMixin, MeasuresMixin, ChallengesMixin):
    case_id: str
    article: Article
    party_kind: PartyKind
    party_id: str  # for covered entities the entity id
    opened_at: datetime
    opened_by: str
    source: CaseSource
    allegation: str
    order_kind: OrderKind
    order_detail: str  # what the order requires, fixed at opening
    correlation_id: str  # one id for the compliance case, end to end
    source_ref: str | None = None  # the causing event's id, or the officer's file reference
    compliance_year: int | None = None
    shortfall_tonnes: int | None = None  # M-39: the shortfall at opening
    outstanding_tonnes: int | None = None  # M-39: still to surrender
    status: CaseStatus = CaseStatus.OPENED
    order: Order | None = None
    complied_at: datetime | None = None  # corrected, or (M-39) obligation settled
    penalty: Penalty | None = None
    fine_declined_at: datetime | None = None
    fine_window_end: date | None = None  # M-39: last date a fine may still be decided after settlement
    inaction_flagged_for: datetime | None = None  # the waiting-since instant last flagged (M-43)
    closed_at: datetime | None = None
    closure: Closure | None = None
    history: list[CaseStep] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    # -- opening ---------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, case_id: str, violation: Violation, at: datetime, actor: str, *, source: CaseSource,
             correlation_id: str, policy: EnforcementPolicy, source_ref: str | None = None) -> PenaltyCase:
        """Open a case for a violation. M-39 needs a past compliance year and the shortfall (whole tonnes); its
        order is 'surrender the shortfall'. An event-opened case names its event (`source_ref`)."""
        rule = policy.rule(violation.article)
        at = as_utc(at)
        for value, name in ((case_id, "case_id"), (violation.party_id, "party_id"), (actor, "actor"),
                            (correlation_id, "correlation_id")):
            require_text(value, name)
        if source is CaseSource.EVENT and not (source_ref or "").strip():
            raise RuleViolation("a case opened from an event names the event", field="source_ref")
        year, shortfall = violation.compliance_year, violation.shortfall_tonnes
        if rule.article is Article.M39:
            if isinstance(year, bool) or not isinstance(year, int) or not (
                    FIRST_COMPLIANCE_YEAR <= year < regulatory_date(at).year):
                raise RuleViolation(f"an M-39 case needs a past compliance year from {FIRST_COMPLIANCE_YEAR}",
                                    field="compliance_year", article="M-39")
            if isinstance(shortfall, bool) or not isinstance(shortfall, int) or shortfall < 1:
                raise RuleViolation("an M-39 case needs a shortfall of at least 1 whole tonne",
                                    field="shortfall_tonnes", article="M-39")
            order = f"surrender {shortfall} allowances for compliance year {year} (M-16)"
            allegation = violation.allegation.strip() or f"surrender shortfall of {shortfall} t for {year}"
        else:
            if shortfall is not None:
                raise RuleViolation("only an M-39 case carries a shortfall", field="shortfall_tonnes",
                                    article=rule.article.value)
            order = f"correct: {rule.violation}"
            allegation = require_text(violation.allegation, "allegation")
        case = cls(case_id=case_id, article=rule.article, party_kind=rule.party_kind, party_id=violation.party_id,
                   opened_at=at, opened_by=actor, source=source, allegation=allegation.strip(),
                   order_kind=rule.order, order_detail=order, correlation_id=correlation_id, source_ref=source_ref,
                   compliance_year=year, shortfall_tonnes=shortfall, outstanding_tonnes=shortfall)
        case._record(at, StepKind.OPENED, actor, f"{rule.article} against {rule.party_kind} {violation.party_id}: "
                                                 f"{case.allegation}")
        return case

    # -- reading ---------------------------------------------------------------------------------------------
    @property
    def entity_id(self) -> str | None:
        return self.party_id if self.party_kind is PartyKind.COVERED_ENTITY else None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def rule(self, policy: EnforcementPolicy) -> PenaltyArticle:
        return policy.rule(self.article)

    def awaiting_official_since(self, policy: EnforcementPolicy) -> datetime | None:
        """M-43: since when the next act is an official's and not yet taken: a proposal to approve, an objection to
        decide, the order, or a mandatory fine."""
        if self.is_closed:
            return None
        waiting = [p.proposed_at for p in self.proposals if p.pending]
        waiting += [c.filed_at for c in self.challenges if c.pending and c.is_objection]
        if waiting:
            return min(waiting)
        if self.penalty is not None or self.fine_declined_at is not None:
            return None
        if self.order is None and self.complied_at is None:
            return self.opened_at
        rule = self.rule(policy)
        if rule.fine_optional:
            return None
        if rule.fine_after_deadline_only:
            return self.order.overdue_at if self.order is not None else None
        return self.order.issued_at if self.order is not None else self.complied_at

    # -- time ------------------------------------------------------------------------------------------------
    def tick(self, now: datetime, policy: EnforcementPolicy) -> list[CaseStep]:
        """Record what fell due up to `now`: the order overdue, the end of M-39's fine window, a payment overdue,
        an M-43 inaction flag. A tick older than the last step is ignored (ticks may be redelivered)."""
        now = as_utc(now)
        if self.history and now < self.history[-1].at:
            return []
        start = len(self.history)
        self._advance(now, policy)
        return self.history[start:]

    def _advance(self, now: datetime, policy: EnforcementPolicy) -> None:
        if self.is_closed:
            return
        order = self.order
        if order is not None and self.complied_at is None and order.overdue_at is None and now >= order.overdue_from:
            self.order = replace(order, overdue_at=order.overdue_from)
            self._record(now, StepKind.OVERDUE, SYSTEM, f"order deadline {order.deadline} passed without "
                                                        f"compliance: {self.order_detail}")
        penalty = self.penalty
        if (penalty is not None and penalty.payment_due is not None and penalty.paid_at is None
                and penalty.payment_overdue_at is None and now >= end_of(penalty.payment_due)):
            self.penalty = replace(penalty, payment_overdue_at=end_of(penalty.payment_due))
            self._record(now, StepKind.PAYMENT_OVERDUE, SYSTEM, f"fine not paid by {penalty.payment_due}")
        if self.fine_window_end is not None and self.penalty is None and now >= end_of(self.fine_window_end):
            self._close(now, Closure.SETTLED_NO_FINE, f"obligation settled; no fine decided by {self.fine_window_end}")
            return
        since = self.awaiting_official_since(policy)
        if since is not None and since != self.inaction_flagged_for and now >= policy.inaction_alert_at(since):
            self.inaction_flagged_for = since
            self._record(now, StepKind.INACTION_FLAGGED, SYSTEM,
                         f"no official act since {since.isoformat()} ({policy.inaction_alert_days} days or more, M-43)")
        self._refresh_status()

    def next_due(self, policy: EnforcementPolicy) -> datetime | None:
        """The earliest instant at which `tick` adds a step (None: only an act of an officer or the party will)."""
        if self.is_closed:
            return None
        due: list[datetime] = []
        if self.order is not None and self.complied_at is None and self.order.overdue_at is None:
            due.append(self.order.overdue_from)
        p = self.penalty
        if p is not None and p.payment_due is not None and p.paid_at is None and p.payment_overdue_at is None:
            due.append(end_of(p.payment_due))
        if self.fine_window_end is not None and self.penalty is None:
            due.append(end_of(self.fine_window_end))
        since = self.awaiting_official_since(policy)
        if since is not None and since != self.inaction_flagged_for:
            due.append(policy.inaction_alert_at(since))
        return min(due, default=None)

    # -- shared by every step --------------------------------------------------------------------------------
    def pass_to_successor(self, at: datetime, actor: str, successor_id: str, succession_id: str,
                          policy: EnforcementPolicy) -> list[CaseStep]:
        """M-10: the covered entity merged or split; its rights and obligations (承继), and so this open case,
        pass to `successor_id`. The case keeps its id, history, order and deadlines."""
        start = len(self.history)
        at = self._begin(at, actor, policy)
        self._require_open()
        if self.party_kind is not PartyKind.COVERED_ENTITY:
            raise Conflict(f"case {self.case_id} is against a {self.party_kind.value}, not a covered entity")
        previous, self.party_id = self.party_id, require_text(successor_id, "successor_id")
        self._record(at, StepKind.PARTY_SUCCEEDED, actor, f"succession {succession_id} (M-10): {previous}'s rights "
                                                          f"and obligations passed to {successor_id}")
        return self.history[start:]

    def _begin(self, at: datetime, actor: str, policy: EnforcementPolicy) -> datetime:
        """Check the actor and the step's instant (not before the last step), then let time pass up to it."""
        require_text(actor, "actor")
        at = as_utc(at)
        if self.history and at < self.history[-1].at:
            raise Conflict(f"case {self.case_id} already has a step at {self.history[-1].at.isoformat()}; steps are "
                           "recorded in time order", field="at")
        self._advance(at, policy)
        return at

    def _require_open(self) -> None:
        if self.is_closed:
            raise Conflict(f"case {self.case_id} is closed ({self.closure})")

    def _record(self, at: datetime, kind: StepKind, actor: str, detail: str, ref: int | None = None) -> CaseStep:
        step = CaseStep(at=at, kind=kind, actor=actor, detail=detail, ref=ref)
        self.history.append(step)
        return step

    def _close(self, at: datetime, closure: Closure, detail: str) -> None:
        self.closed_at, self.closure = at, closure
        self._record(at, StepKind.CLOSED, SYSTEM, f"{closure}: {detail}")
        self._refresh_status()

    def _close_if_done(self, at: datetime, policy: EnforcementPolicy) -> None:
        """Close when complied with and no fine is outstanding; open M-39's fine window on settlement."""
        if self.is_closed or self.complied_at is None:
            self._refresh_status()
            return
        rule = self.rule(policy)
        if self.penalty is not None:
            if self.penalty.paid_at is not None:
                self._close(at, Closure.SETTLED_AND_PAID, "complied with and the fine paid")
        elif self.fine_declined_at is not None:
            self._close(at, Closure.SETTLED_NO_FINE, "complied with; fine declined")
        elif rule.fine_optional:
            if self.fine_window_end is None:
                self.fine_window_end = policy.fine_window_end(regulatory_date(self.complied_at))
        elif rule.fine_after_deadline_only and (self.order is None or self.order.overdue_at is None):
            self._close(at, Closure.CORRECTED, "corrected before the deadline; no fine (M-37/M-38 ¶1)")
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.is_closed:
            self.status = CaseStatus.CLOSED
        elif self.penalty is not None and self.penalty.paid_at is None:
            self.status = CaseStatus.FINE_UNPAID
        elif self.complied_at is None:
            self.status = (CaseStatus.OPENED if self.order is None
                           else CaseStatus.OVERDUE if self.order.overdue_at is not None else CaseStatus.ORDER_ISSUED)
        else:
            self.status = CaseStatus.AWAITING_DECISION

