"""Response models of the enforcement API, built from the domain (never from table rows)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from ets_shared.contracts.base import Money
from enforcement.domain import Challenge, InactionFlag, Measure, PenaltyCase, Proposal
from enforcement.domain.decision_log import ChainCheck, LogEntry
from enforcement.domain.eligibility import Answer


class CasePublic(BaseModel):
    case_id: str
    article: str
    party_kind: str
    party_id: str
    compliance_year: int | None
    correlation_id: str = Field(description="One id for the compliance case: every event of the case carries it")
    status: str
    closure: str | None
    opened_at: datetime
    opened_by: str
    source: str
    source_ref: str | None
    allegation: str
    order_kind: str
    order_detail: str
    order_issued_at: datetime | None
    order_deadline: date | None
    overdue_at: datetime | None
    complied_at: datetime | None
    shortfall_tonnes: int | None
    outstanding_tonnes: int | None
    fine_amount: Money | None
    fine_original_amount: Money | None
    fine_reasons: str | None
    fine_decided_at: datetime | None
    fine_decided_by: str | None
    fine_approved_by: str | None
    fine_declined_at: datetime | None
    fine_served_on: date | None
    fine_payment_due: date | None
    fine_payment_overdue: bool
    fine_paid: bool
    fine_paid_at: datetime | None
    fine_revoked_at: datetime | None
    fine_window_end: date | None
    measures_applied: list[str]
    pending_decisions: list[int] = Field(description="Proposals awaiting a second officer (four eyes)")
    closed_at: datetime | None

    @classmethod
    def of(cls, case: PenaltyCase) -> CasePublic:
        order, p = case.order, case.penalty
        return cls(
            **{name: getattr(case, name) for name in (
                "case_id", "party_id", "compliance_year", "correlation_id", "opened_at", "opened_by", "source_ref",
                "allegation", "order_detail", "complied_at", "shortfall_tonnes", "outstanding_tonnes",
                "fine_declined_at", "fine_window_end", "closed_at")},
            article=case.article.value, party_kind=case.party_kind.value, status=case.status.value,
            closure=case.closure.value if case.closure else None, source=case.source.value,
            order_kind=case.order_kind.value, order_issued_at=order.issued_at if order else None,
            order_deadline=order.deadline if order else None, overdue_at=order.overdue_at if order else None,
            fine_amount=p.amount if p else None, fine_original_amount=p.original_amount if p else None,
            fine_reasons=p.reasons if p else None, fine_decided_at=p.decided_at if p else None,
            fine_decided_by=p.decided_by if p else None, fine_approved_by=p.approved_by if p else None,
            fine_served_on=p.served_on if p else None, fine_payment_due=p.payment_due if p else None,
            fine_payment_overdue=bool(p and p.payment_overdue_at), fine_paid=bool(p and p.paid_at),
            fine_paid_at=p.paid_at if p else None, fine_revoked_at=p.revoked_at if p else None,
            measures_applied=[k.value for k in case.measures_applied()],
            pending_decisions=[x.no for x in case.proposals if x.pending])


class StepPublic(BaseModel):
    at: datetime
    kind: str
    actor: str
    detail: str
    ref: int | None


class MeasurePublic(BaseModel):
    case_id: str
    party_id: str
    kind: str
    effect: str
    article: str
    departments: list[str]
    starts_on: date
    ends_on: date
    from_year: int
    to_year: int
    decided_at: datetime
    lifted_at: datetime | None
    detail: str

    @classmethod
    def of(cls, m: Measure) -> MeasurePublic:
        return cls(case_id=m.case_id, party_id=m.party_id, kind=m.kind.value, effect=m.effect.value,
                   article=m.article, departments=[d.value for d in m.departments], starts_on=m.starts_on,
                   ends_on=m.ends_on, from_year=m.from_year, to_year=m.to_year, decided_at=m.decided_at,
                   lifted_at=m.lifted_at, detail=m.detail)


class ProposalPublic(BaseModel):
    no: int
    kind: str
    terms: dict[str, Any]
    summary: str
    proposed_by: str
    proposed_at: datetime
    pending: bool
    approved: bool | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_reasons: str | None

    @classmethod
    def of(cls, p: Proposal) -> ProposalPublic:
        return cls(no=p.no, kind=p.kind.value, terms=dict(p.payload), summary=p.summary, proposed_by=p.proposed_by,
                   proposed_at=p.proposed_at, pending=p.pending, approved=p.approved, reviewed_by=p.reviewed_by,
                   reviewed_at=p.reviewed_at, review_reasons=p.review_reasons)


class ChallengePublic(BaseModel):
    no: int
    kind: str
    grounds: str
    body: str | None
    filed_by: str
    filed_at: datetime
    filed_on: date
    outcome: str | None
    outcome_reasons: str | None
    decided_by: str | None
    decided_at: datetime | None
    amount: Money | None

    @classmethod
    def of(cls, c: Challenge) -> ChallengePublic:
        return cls(no=c.no, kind=c.kind.value, grounds=c.grounds, body=c.body, filed_by=c.filed_by,
                   filed_at=c.filed_at, filed_on=c.filed_on, outcome=c.outcome.value if c.outcome else None,
                   outcome_reasons=c.outcome_reasons, decided_by=c.decided_by, decided_at=c.decided_at,
                   amount=c.amount)


class CaseDetail(CasePublic):
    history: list[StepPublic]
    measures: list[MeasurePublic]
    proposals: list[ProposalPublic]
    challenges: list[ChallengePublic]

    @classmethod
    def of(cls, case: PenaltyCase) -> CaseDetail:
        return cls(**CasePublic.of(case).model_dump(),
                   history=[StepPublic(at=s.at, kind=s.kind.value, actor=s.actor, detail=s.detail, ref=s.ref)
                            for s in case.history],
                   measures=[MeasurePublic.of(m) for m in case.measures],
                   proposals=[ProposalPublic.of(p) for p in case.proposals],
                   challenges=[ChallengePublic.of(c) for c in case.challenges])


class CaseBehind(BaseModel):
    """The case behind a department's answer: which measure, from which decision, for which violation."""

    case_id: str
    measure: str
    article: str
    starts_on: date
    ends_on: date
    decided_at: datetime
    detail: str

    @classmethod
    def of(cls, m: Measure) -> CaseBehind:
        return cls(case_id=m.case_id, measure=m.effect.value, article=m.article, starts_on=m.starts_on,
                   ends_on=m.ends_on, decided_at=m.decided_at, detail=m.detail)


class DepartmentAnswer(BaseModel):
    entity_id: str
    question: str
    year: int | None = None
    on: date | None = None
    answer: bool
    because: list[CaseBehind] = Field(description="The measures (and cases) that decide a 'no'; empty for 'yes'")

    @classmethod
    def of(cls, entity_id: str, question: str, answer: Answer, *, year: int | None = None,
           on: date | None = None) -> DepartmentAnswer:
        return cls(entity_id=entity_id, question=question, year=year, on=on, answer=answer.allowed,
                   because=[CaseBehind.of(m) for m in answer.because])


class CreditRecords(BaseModel):
    entity_id: str
    on: date | None
    records: list[CaseBehind]


class PublicViolation(BaseModel):
    """An established violation in its publicity period (M-40(1) publication, or a penalty decision that stands)."""

    case_id: str
    article: str
    violation: str
    party_kind: str
    party_id: str
    compliance_year: int | None
    decided_on: date
    fine_amount: Money | None
    measures_in_force: list[MeasurePublic]


class LogEntryPublic(BaseModel):
    seq: int
    at: datetime
    recorded_at: datetime
    subject_ref: str
    case_id: str | None
    kind: str
    actor: str
    detail: str
    ref: int | None
    correlation_id: str
    prev_hash: str
    hash: str

    @classmethod
    def of(cls, e: LogEntry) -> LogEntryPublic:
        return cls(**vars(e))


class ChainCheckPublic(BaseModel):
    entries: int
    head_hash: str = Field(description="Record it: a later check must reach the same head through it")
    intact: bool
    broken_at: int | None
    problem: str | None

    @classmethod
    def of(cls, c: ChainCheck) -> ChainCheckPublic:
        return cls(**vars(c))


class InactionFlagPublic(BaseModel):
    flag_id: str
    responsible: str
    service: str
    subject_ref: str
    duty: str
    due_on: date | None
    found_at: datetime
    party_id: str | None
    case_id: str | None
    open: bool
    resolved_at: datetime | None
    resolution: str | None

    @classmethod
    def of(cls, f: InactionFlag) -> InactionFlagPublic:
        return cls(**vars(f), open=f.open)
