"""The enforcement case and its opening (§8 case flow; M-37, M-38, M-39, M-41, M-42; M-43 audit trail).

`PenaltyCase` is a plain record (one field per column; `history` is its child table of `CaseStep`s). It is opened
from an event (a shortfall, M-39) or by an officer, then moves only through the functions of `lifecycle` (`tick`),
`orders` (order, correction, surrender, dismissal), `fines` (decision, payment) and `measures` (M-40). Each of them
returns the steps it appended, for the adapter to turn into events.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import RuleViolation

from enforcement.domain.articles import Article, OrderKind, PartyKind, PenaltyArticle, parse_article
from enforcement.domain.history import CaseSource, CaseStatus, CaseStep, Closure, StepKind
from enforcement.domain.lifecycle import record, require_text
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy, end_of

FIRST_COMPLIANCE_YEAR = 2013  # the Measures took effect on 2013-11-20


@dataclass
class PenaltyCase:
    case_id: str
    article: Article
    party_kind: PartyKind
    party_id: str  # for covered entities the entity id
    opened_at: datetime
    source: CaseSource
    allegation: str
    order_kind: OrderKind
    order_detail: str  # what the order requires, fixed at opening
    source_ref: str | None = None  # the causing event's id, or the officer's file reference
    compliance_year: int | None = None
    shortfall_tonnes: int | None = None  # M-39: the shortfall at opening
    outstanding_tonnes: int | None = None  # M-39: still to surrender
    status: CaseStatus = CaseStatus.OPENED
    order_issued_at: datetime | None = None
    order_deadline: date | None = None  # last Shanghai date to comply in time
    overdue_at: datetime | None = None  # instant the deadline passed uncomplied (set by time passing)
    complied_at: datetime | None = None  # corrected, or (M-39) obligation settled
    fine_amount: Decimal | None = None
    fine_reasons: str | None = None
    fine_decided_at: datetime | None = None
    fine_declined_at: datetime | None = None
    fine_paid_at: datetime | None = None
    fine_window_end: date | None = None  # M-39: last date a fine may still be decided after settlement
    measures_applied: list[str] = field(default_factory=list)  # M-40 MeasureKind values
    inaction_flagged_for: datetime | None = None  # the waiting-since instant last flagged (M-43)
    closed_at: datetime | None = None
    closure: Closure | None = None
    history: list[CaseStep] = field(default_factory=list)

    @property
    def entity_id(self) -> str | None:
        return self.party_id if self.party_kind is PartyKind.COVERED_ENTITY else None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def overdue_from(self) -> datetime | None:
        """The deadline instant: 00:00 Shanghai after the order's last day. At or after it, the order is overdue."""
        return end_of(self.order_deadline) if self.order_deadline is not None else None

    def rule(self, policy: EnforcementPolicy = DEFAULT_POLICY) -> PenaltyArticle:
        return policy.rule(self.article)

    def awaiting_official_since(self, policy: EnforcementPolicy = DEFAULT_POLICY) -> datetime | None:
        """M-43: since when the next act is the officials' and not yet taken (an order, or a mandatory fine)."""
        if self.is_closed or self.fine_decided_at or self.fine_declined_at:
            return None
        if self.order_issued_at is None and self.complied_at is None:
            return self.opened_at
        rule = self.rule(policy)
        if rule.fine_optional:
            return None
        if rule.fine_after_deadline_only:
            return self.overdue_at
        return self.order_issued_at or self.complied_at


def open_case(case_id: str, article: Article | str, party_id: str, at: datetime, actor: str, *,
              source: CaseSource, allegation: str = "", source_ref: str | None = None,
              compliance_year: int | None = None, shortfall_tonnes: int | None = None,
              policy: EnforcementPolicy = DEFAULT_POLICY) -> PenaltyCase:
    """Open a case. M-39 needs the compliance year and the shortfall (whole tonnes); its order is 'surrender the
    shortfall'. An event-opened case needs `source_ref` (the event id)."""
    code = article if isinstance(article, Article) else parse_article(article)
    rule = policy.rule(code)
    at = as_utc(at)
    require_text(case_id, "case_id")
    require_text(party_id, "party_id")
    require_text(actor, "actor")
    if source is CaseSource.EVENT and not (source_ref or "").strip():
        raise RuleViolation("a case opened from an event names the event", field="source_ref")
    if code is Article.M39:
        if isinstance(compliance_year, bool) or not isinstance(compliance_year, int) or not (
                FIRST_COMPLIANCE_YEAR <= compliance_year < regulatory_date(at).year):
            raise RuleViolation(f"an M-39 case needs a past compliance year from {FIRST_COMPLIANCE_YEAR}",
                                field="compliance_year", article="M-39")
        if isinstance(shortfall_tonnes, bool) or not isinstance(shortfall_tonnes, int) or shortfall_tonnes < 1:
            raise RuleViolation("an M-39 case needs a shortfall of at least 1 whole tonne",
                                field="shortfall_tonnes", article="M-39")
        order = f"surrender {shortfall_tonnes} allowances for compliance year {compliance_year} (M-16)"
        allegation = allegation.strip() or f"surrender shortfall of {shortfall_tonnes} t for {compliance_year}"
    else:
        if shortfall_tonnes is not None:
            raise RuleViolation("only an M-39 case carries a shortfall", field="shortfall_tonnes",
                                article=code.value)
        order = f"correct: {rule.violation}"
        require_text(allegation, "allegation")
    case = PenaltyCase(case_id=case_id, article=code, party_kind=rule.party_kind, party_id=party_id,
                       opened_at=at, source=source, allegation=allegation.strip(), order_kind=rule.order,
                       order_detail=order, source_ref=source_ref, compliance_year=compliance_year,
                       shortfall_tonnes=shortfall_tonnes, outstanding_tonnes=shortfall_tonnes)
    record(case, at, StepKind.OPENED, actor, f"{code} against {rule.party_kind} {party_id}: {case.allegation}")
    return case
