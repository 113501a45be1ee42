"""What a case's new steps mean to the outside world: every step is an event other government systems consume
(§8), published under the case's correlation id — whether a tick, another service's event or an officer's request
took it (the request's id is then the causation). M-40 measures become the credit-record, departments and measures
events, each with its first and last day."""
from __future__ import annotations

from collections.abc import Iterable

from ets_shared.contracts.base import EventData
from ets_shared.contracts.enforcement import (
    AppealDecided, AppealLodged, AppliedMeasure, CaseClosed, CaseOpened, CreditRecordEntered, DecisionProposed,
    DecisionReviewed, DepartmentsNotified, InactionFlagged, InactionResolved, MeasuresApplied, MeasuresLifted,
    ObjectionDecided, ObjectionFiled, OrderComplied, OrderIssued, OrderOverdue, PaymentOverdue, PenaltyDecided,
    PenaltyDeclined, PenaltyNotified, PenaltyPaid, ShortfallChanged,
)
from enforcement.domain import CaseStep, InactionFlag, MeasureEffect, PenaltyCase, StepKind
from enforcement.domain.policy import EnforcementPolicy
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

PUBLISHES: list[type[EventData]] = [
    CaseOpened, OrderIssued, OrderOverdue, OrderComplied, ShortfallChanged, DecisionProposed, DecisionReviewed,
    PenaltyDecided, PenaltyDeclined, PenaltyNotified, PaymentOverdue, PenaltyPaid, CreditRecordEntered,
    DepartmentsNotified, MeasuresApplied, MeasuresLifted, ObjectionFiled, ObjectionDecided, AppealLodged,
    AppealDecided, InactionFlagged, InactionResolved, CaseClosed,
]
_YEARLY = (MeasureEffect.SPECIAL_FUND_INELIGIBLE, MeasureEffect.AWARD_INELIGIBLE,
           MeasureEffect.PROJECT_ASSESSMENT_REFUSED)


def publish_steps(uow: EnforcementUnitOfWork, case: PenaltyCase, steps: Iterable[CaseStep],
                  policy: EnforcementPolicy) -> None:
    for step in steps:
        for event in _events(case, step, policy):
            uow.publish(event, subject_ref=f"case:{case.case_id}")


def publish_flag(uow: EnforcementUnitOfWork, flag: InactionFlag, correlation_id: str) -> None:
    if flag.open:
        event: EventData = InactionFlagged(flag_id=flag.flag_id, responsible=flag.responsible, service=flag.service,
                                           subject_ref=flag.subject_ref, duty=flag.duty, due_on=flag.due_on,
                                           party_id=flag.party_id, case_id=flag.case_id, found_at=flag.found_at)
    else:
        event = InactionResolved(flag_id=flag.flag_id, responsible=flag.responsible, service=flag.service,
                                 subject_ref=flag.subject_ref, resolution=flag.resolution or "",
                                 resolved_at=flag.resolved_at)
    uow.publish(event, subject_ref=f"inaction:{flag.flag_id}", correlation_id=correlation_id)


def _events(case: PenaltyCase, step: CaseStep, policy: EnforcementPolicy) -> list[EventData]:
    kind, base = step.kind, {"case_id": case.case_id, "party_id": case.party_id, "correlation_id": case.correlation_id}
    art = {**base, "article": case.article.value}
    if kind is StepKind.OPENED:
        return [CaseOpened(**art, party_kind=case.party_kind.value, compliance_year=case.compliance_year,
                           summary=case.allegation, opened_at=case.opened_at, source=case.source.value,
                           source_ref=case.source_ref)]
    if kind is StepKind.ORDER_ISSUED:
        return [OrderIssued(**art, order=case.order_kind.value, detail=case.order_detail,
                            deadline=case.order.deadline, issued_at=case.order.issued_at)]
    if kind is StepKind.OVERDUE:
        return [OrderOverdue(**art, deadline=case.order.deadline, detail=case.order_detail,
                             overdue_at=case.order.overdue_at)]
    if kind in (StepKind.CORRECTED, StepKind.OBLIGATION_SETTLED):
        late = case.order is not None and case.order.overdue_at is not None
        how = "corrected" if kind is StepKind.CORRECTED else "obligation_settled"
        return [OrderComplied(**art, how=how, late=late, detail=step.detail, complied_at=step.at)]
    if kind is StepKind.SHORTFALL_REVISED:
        return [ShortfallChanged(**base, compliance_year=case.compliance_year,
                                 outstanding_tonnes=case.outstanding_tonnes or 0, cause="revised_determination",
                                 detail=step.detail, changed_at=step.at)]
    if kind is StepKind.DECISION_PROPOSED:
        p = next(p for p in case.proposals if p.no == step.ref)
        return [DecisionProposed(**art, decision_no=p.no, kind=p.kind.value, summary=p.summary,
                                 proposed_by=p.proposed_by, proposed_at=p.proposed_at)]
    if kind in (StepKind.DECISION_APPROVED, StepKind.DECISION_REJECTED):
        p = next(p for p in case.proposals if p.no == step.ref)
        return [DecisionReviewed(**art, decision_no=p.no, kind=p.kind.value, approved=bool(p.approved),
                                 reviewed_by=p.reviewed_by, reasons=p.review_reasons or "", reviewed_at=p.reviewed_at)]
    if kind is StepKind.FINE_DECIDED:
        return [PenaltyDecided(**art, amount=case.penalty.amount, reasons=case.penalty.reasons,
                               decided_at=case.penalty.decided_at)]
    if kind is StepKind.FINE_DECLINED:
        return [PenaltyDeclined(**art, reasons=step.detail, declined_at=case.fine_declined_at)]
    if kind is StepKind.PENALTY_NOTIFIED:
        p = case.penalty
        return [PenaltyNotified(**art, amount=p.amount, served_on=p.served_on, method=p.service_method,
                                payment_due=p.payment_due, notified_at=step.at)]
    if kind is StepKind.PAYMENT_OVERDUE:
        p = case.penalty
        return [PaymentOverdue(**art, amount=p.amount, payment_due=p.payment_due, overdue_at=p.payment_overdue_at)]
    if kind is StepKind.FINE_PAID:
        return [PenaltyPaid(**base, amount=case.penalty.amount, paid_at=case.penalty.paid_at)]
    if kind is StepKind.MEASURES_APPLIED:
        return _measure_events(case, step.ref, policy)
    if kind is StepKind.MEASURES_LIFTED:
        lifted = sorted({m.effect.value for m in case.measures if m.lifted_at == step.at})
        return [MeasuresLifted(**base, effects=lifted, reasons=step.detail, lifted_at=step.at)]
    if kind in (StepKind.OBJECTION_FILED, StepKind.OBJECTION_DECIDED, StepKind.APPEAL_LODGED,
                StepKind.APPEAL_DECIDED):
        return [_challenge_event(case, step, art)]
    if kind is StepKind.INACTION_FLAGGED:
        return []  # published as the case's InactionFlagged by `accountability.track_case`
    if kind is StepKind.CLOSED:
        return [CaseClosed(**art, outcome=step.detail, closed_at=case.closed_at, closure=case.closure.value)]
    return []  # StepKind.DISMISSED: only in histories recorded before dismissal became a closing step


def _challenge_event(case: PenaltyCase, step: CaseStep, art: dict) -> EventData:
    c = next(c for c in case.challenges if c.no == step.ref)
    if step.kind is StepKind.OBJECTION_FILED:
        return ObjectionFiled(**art, objection_no=c.no, grounds=c.grounds, filed_by=c.filed_by, filed_at=c.filed_at)
    if step.kind is StepKind.OBJECTION_DECIDED:
        return ObjectionDecided(**art, objection_no=c.no, outcome=c.outcome.value, reasons=c.outcome_reasons,
                                decided_by=c.decided_by, decided_at=c.decided_at)
    if step.kind is StepKind.APPEAL_LODGED:
        return AppealLodged(**art, appeal_no=c.no, kind=c.kind.value, body=c.body, grounds=c.grounds,
                            filed_on=c.filed_on, lodged_at=c.filed_at)
    return AppealDecided(**art, appeal_no=c.no, kind=c.kind.value, outcome=c.outcome.value, amount=c.amount,
                         reasons=c.outcome_reasons, decided_at=c.decided_at)


def _measure_events(case: PenaltyCase, batch: int | None, policy: EnforcementPolicy) -> list[EventData]:
    """M-40(1) → CreditRecordEntered (published: the article bundles publication with the record) and
    DepartmentsNotified; M-40(2)-(3) → MeasuresApplied."""
    made = {m.effect: m for m in case.measures if m.decision_no == batch}
    rule = case.rule(policy)
    violation = f"{rule.violation}; breach of {rule.breaches}: {case.allegation}"
    base = {"case_id": case.case_id, "party_id": case.party_id, "correlation_id": case.correlation_id}
    events: list[EventData] = []
    if credit := made.get(MeasureEffect.CREDIT_RECORD_ENTERED):
        events.append(CreditRecordEntered(**base, article=case.article.value, violation=violation,
                                          published=MeasureEffect.PUBLISHED in made, recorded_at=credit.decided_at,
                                          starts_on=credit.starts_on, ends_on=credit.ends_on))
    if notified := made.get(MeasureEffect.DEPARTMENTS_NOTIFIED):
        events.append(DepartmentsNotified(**base, departments=[d.value for d in notified.departments],
                                          summary=violation, notified_at=notified.decided_at,
                                          starts_on=notified.starts_on, ends_on=notified.ends_on))
    yearly = [made[e] for e in _YEARLY if e in made]
    if yearly:
        events.append(MeasuresApplied(**base, decided_at=yearly[0].decided_at, measures=[
            AppliedMeasure(kind=m.effect.value, from_year=m.from_year, to_year=m.to_year,
                           department=m.departments[0].value, starts_on=m.starts_on, ends_on=m.ends_on)
            for m in yearly]))
    return events
