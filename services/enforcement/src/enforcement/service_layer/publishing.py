"""What a case's new steps mean to the outside world: every step is an event other government systems consume
(§8), published under the case's correlation id — whether a tick, another service's event or an officer's request
took it (the request's id is then the causation). M-40 measures become the credit-record, departments and measures
events, each with its first and last day."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TypedDict, get_args

from ets_shared.contracts.base import EventData, one_of
from ets_shared.errors import present
from ets_shared.contracts.enforcement import (
    AppealDecided, AppealLodged, AppliedMeasure, CaseClosed, CaseOpened, CreditRecordEntered, DecisionProposed,
    DecisionReviewed, DepartmentsNotified, InactionFlagged, InactionResolved, MeasuresApplied, MeasuresLifted,
    ObjectionDecided, ObjectionFiled, OrderComplied, OrderIssued, OrderOverdue, PaymentOverdue, PenaltyDecided,
    PenaltyDeclined, PenaltyNotified, PenaltyPaid, ShortfallChanged, DecisionKindCode, AppealKind,
    CaseSource as CaseSourceCode, Closure as ClosureCode,
)
from enforcement.domain import CaseStep, DecisionKind, InactionFlag, MeasureEffect, PenaltyCase, StepKind
from enforcement.domain.policy import EnforcementPolicy
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

PUBLISHES: list[type[EventData]] = [
    CaseOpened, OrderIssued, OrderOverdue, OrderComplied, ShortfallChanged, DecisionProposed, DecisionReviewed,
    PenaltyDecided, PenaltyDeclined, PenaltyNotified, PaymentOverdue, PenaltyPaid, CreditRecordEntered,
    DepartmentsNotified, MeasuresApplied, MeasuresLifted, ObjectionFiled, ObjectionDecided, AppealLodged,
    AppealDecided, InactionFlagged, InactionResolved, CaseClosed,
]
_SOURCES: tuple[CaseSourceCode, ...] = get_args(CaseSourceCode)
_CLOSURES: tuple[ClosureCode, ...] = get_args(ClosureCode)
_APPEAL_KINDS: tuple[AppealKind, ...] = get_args(AppealKind)
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
                                 resolved_at=present(flag.resolved_at, "the flag's resolution instant"))
    uow.publish(event, subject_ref=f"inaction:{flag.flag_id}", correlation_id=correlation_id)


class _CaseRef(TypedDict):
    case_id: str
    party_id: str
    correlation_id: str


class _CaseArticleRef(_CaseRef):
    article: str


def _events(case: PenaltyCase, step: CaseStep, policy: EnforcementPolicy) -> list[EventData]:
    kind = step.kind
    base = _CaseRef(case_id=case.case_id, party_id=case.party_id, correlation_id=case.correlation_id)
    art = _CaseArticleRef(**base, article=case.article.value)
    if kind is StepKind.OPENED:
        return [CaseOpened(**art, party_kind=one_of(case.party_kind.value, ("covered_entity", "agency", "exchange"),
                                                        field="party_kind"),
                           compliance_year=case.compliance_year, summary=case.allegation, opened_at=case.opened_at,
                           source=one_of(case.source.value, _SOURCES, field="source"),
                           source_ref=case.source_ref)]
    if kind is StepKind.ORDER_ISSUED:
        order = present(case.order, "the case's order")
        return [OrderIssued(**art, order=one_of(case.order_kind.value, ("surrender", "correct"), field="order"),
                            detail=case.order_detail, deadline=order.deadline, issued_at=order.issued_at)]
    if kind is StepKind.OVERDUE:
        order = present(case.order, "the case's order")
        return [OrderOverdue(**art, deadline=order.deadline, detail=case.order_detail,
                             overdue_at=present(order.overdue_at, "the order's overdue instant"))]
    if kind in (StepKind.CORRECTED, StepKind.OBLIGATION_SETTLED):
        late = case.order is not None and case.order.overdue_at is not None
        how: Literal["corrected", "obligation_settled"] = (
            "corrected" if kind is StepKind.CORRECTED else "obligation_settled")
        return [OrderComplied(**art, how=how, late=late, detail=step.detail, complied_at=step.at)]
    if kind is StepKind.SHORTFALL_REVISED:
        return [ShortfallChanged(**base, compliance_year=present(case.compliance_year, "an M-39 case's year"),
                                 outstanding_tonnes=case.outstanding_tonnes or 0, cause="revised_determination",
                                 detail=step.detail, changed_at=step.at)]
    if kind is StepKind.DECISION_PROPOSED:
        p = next(p for p in case.proposals if p.no == step.ref)
        return [DecisionProposed(**art, decision_no=p.no, kind=_decision_kind(p.kind), summary=p.summary,
                                 proposed_by=p.proposed_by, proposed_at=p.proposed_at)]
    if kind in (StepKind.DECISION_APPROVED, StepKind.DECISION_REJECTED):
        p = next(p for p in case.proposals if p.no == step.ref)
        return [DecisionReviewed(**art, decision_no=p.no, kind=_decision_kind(p.kind), approved=bool(p.approved),
                                 reviewed_by=present(p.reviewed_by, "the proposal's reviewer"),
                                 reasons=p.review_reasons or "",
                                 reviewed_at=present(p.reviewed_at, "the proposal's review instant"))]
    if kind is StepKind.FINE_DECIDED:
        penalty = present(case.penalty, "the case's fine")
        return [PenaltyDecided(**art, amount=penalty.amount, reasons=penalty.reasons, decided_at=penalty.decided_at)]
    if kind is StepKind.FINE_DECLINED:
        return [PenaltyDeclined(**art, reasons=step.detail,
                                declined_at=present(case.fine_declined_at, "the instant the fine was declined"))]
    if kind is StepKind.PENALTY_NOTIFIED:
        penalty = present(case.penalty, "the case's fine")
        method = present(penalty.service_method, "the decision's service method")
        return [PenaltyNotified(**art, amount=penalty.amount,
                                served_on=present(penalty.served_on, "the decision's service date"),
                                method=one_of(method, ("in_person", "post", "electronic", "public_notice"),
                                              field="method"),
                                payment_due=present(penalty.payment_due, "the fine's due date"), notified_at=step.at)]
    if kind is StepKind.PAYMENT_OVERDUE:
        penalty = present(case.penalty, "the case's fine")
        return [PaymentOverdue(**art, amount=penalty.amount,
                               payment_due=present(penalty.payment_due, "the fine's due date"),
                               overdue_at=present(penalty.payment_overdue_at, "the payment's overdue instant"))]
    if kind is StepKind.FINE_PAID:
        penalty = present(case.penalty, "the case's fine")
        return [PenaltyPaid(**base, amount=penalty.amount, paid_at=present(penalty.paid_at, "the payment instant"))]
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
        closure = present(case.closure, "the case's closure")
        return [CaseClosed(**art, outcome=step.detail, closed_at=present(case.closed_at, "the closing instant"),
                           closure=one_of(closure.value, _CLOSURES, field="closure"))]
    return []  # StepKind.DISMISSED: only in histories recorded before dismissal became a closing step


def _decision_kind(kind: DecisionKind) -> DecisionKindCode:
    return one_of(kind.value, ("fine", "fine_declined", "dismissal", "measures"), field="kind")


def _challenge_event(case: PenaltyCase, step: CaseStep, art: _CaseArticleRef) -> EventData:
    c = next(c for c in case.challenges if c.no == step.ref)
    if step.kind is StepKind.OBJECTION_FILED:
        return ObjectionFiled(**art, objection_no=c.no, grounds=c.grounds, filed_by=c.filed_by, filed_at=c.filed_at)
    if step.kind is StepKind.APPEAL_LODGED:
        return AppealLodged(**art, appeal_no=c.no, kind=one_of(c.kind.value, _APPEAL_KINDS, field="kind"),
                            body=present(c.body, "the appeal's body"), grounds=c.grounds, filed_on=c.filed_on,
                            lodged_at=c.filed_at)
    outcome = present(c.outcome, "the challenge's outcome").value
    reasons = present(c.outcome_reasons, "the challenge's reasons")
    decided_at = present(c.decided_at, "the challenge's decision instant")
    if step.kind is StepKind.OBJECTION_DECIDED:
        return ObjectionDecided(**art, objection_no=c.no,
                                outcome=one_of(outcome, ("accepted", "rejected"), field="outcome"), reasons=reasons,
                                decided_by=present(c.decided_by, "the objection's decider"), decided_at=decided_at)
    return AppealDecided(**art, appeal_no=c.no, kind=one_of(c.kind.value, _APPEAL_KINDS, field="kind"),
                         outcome=one_of(outcome, ("decision_upheld", "fine_reduced", "decision_revoked"),
                                        field="outcome"),
                         amount=c.amount, reasons=reasons, decided_at=decided_at)


def _measure_events(case: PenaltyCase, batch: int | None, policy: EnforcementPolicy) -> list[EventData]:
    """M-40(1) → CreditRecordEntered (published: the article bundles publication with the record) and
    DepartmentsNotified; M-40(2)-(3) → MeasuresApplied."""
    made = {m.effect: m for m in case.measures if m.decision_no == batch}
    rule = case.rule(policy)
    violation = f"{rule.violation}; breach of {rule.breaches}: {case.allegation}"
    base = _CaseRef(case_id=case.case_id, party_id=case.party_id, correlation_id=case.correlation_id)
    events: list[EventData] = []
    if credit := made.get(MeasureEffect.CREDIT_RECORD_ENTERED):
        events.append(CreditRecordEntered(**base, article=case.article.value, violation=violation,
                                          published=MeasureEffect.PUBLISHED in made, recorded_at=credit.decided_at,
                                          starts_on=credit.starts_on, ends_on=credit.ends_on))
    if notified := made.get(MeasureEffect.DEPARTMENTS_NOTIFIED):
        events.append(DepartmentsNotified(**base, departments=[
            one_of(d.value, ("market_regulation", "tax", "finance"), field="departments")
            for d in notified.departments], summary=violation, notified_at=notified.decided_at,
            starts_on=notified.starts_on, ends_on=notified.ends_on))
    yearly = [made[e] for e in _YEARLY if e in made]
    if yearly:
        events.append(MeasuresApplied(**base, decided_at=yearly[0].decided_at, measures=[
            AppliedMeasure(kind=one_of(m.effect.value, ("special_fund_ineligible", "award_ineligible",
                                                        "project_assessment_refused"), field="kind"),
                           from_year=m.from_year, to_year=m.to_year, department=m.departments[0].value,
                           starts_on=m.starts_on, ends_on=m.ends_on)
            for m in yearly]))
    return events
