"""What a case's new steps mean to the outside world: each step becomes its published event (§8: "every step is an
event other government systems can consume"), or — where no contract exists for it (overdue, correction, surrender
settled, fine declined, dismissal, M-43 inaction flag) — an audit record. M-40 measures become the credit-record,
department and measures events."""
from __future__ import annotations

from collections.abc import Iterable

from ets_shared.contracts.enforcement import (AppliedMeasure, CaseClosed, CaseOpened, CreditRecordEntered,
                                              DepartmentsNotified, MeasuresApplied, OrderIssued, PenaltyDecided,
                                              PenaltyPaid)
from ets_shared.unit_of_work import SqlUnitOfWork
from enforcement.domain import CaseStep, Measure, MeasureEffect, PenaltyCase, StepKind

PUBLISHES = [CaseOpened, OrderIssued, PenaltyDecided, PenaltyPaid, CreditRecordEntered, DepartmentsNotified,
             MeasuresApplied, CaseClosed]
_YEARLY = (MeasureEffect.SPECIAL_FUND_INELIGIBLE, MeasureEffect.AWARD_INELIGIBLE,
           MeasureEffect.PROJECT_ASSESSMENT_REFUSED)


def publish_steps(uow: SqlUnitOfWork, case: PenaltyCase, steps: Iterable[CaseStep]) -> None:
    ref = f"case:{case.case_id}"
    for step in steps:
        event = _event(case, step)
        if event is not None:
            uow.publish(event, subject_ref=ref)
        elif step.kind is not StepKind.MEASURES_APPLIED:  # measures: see publish_measures
            uow.audit(f"enforcement.case.{step.kind.value}", ref,
                      {"at": step.at.isoformat(), "actor": step.actor, "detail": step.detail})


def _event(case: PenaltyCase, step: CaseStep):  # noqa: ANN202 - one of the contracts, or None
    base = {"case_id": case.case_id, "party_id": case.party_id}
    if step.kind is StepKind.OPENED:
        return CaseOpened(**base, article=case.article.value, party_kind=case.party_kind.value,
                          compliance_year=case.compliance_year, summary=case.allegation, opened_at=case.opened_at)
    if step.kind is StepKind.ORDER_ISSUED:
        return OrderIssued(**base, article=case.article.value, order=case.order_kind.value,
                           detail=case.order_detail, deadline=case.order_deadline, issued_at=case.order_issued_at)
    if step.kind is StepKind.FINE_DECIDED:
        return PenaltyDecided(**base, article=case.article.value, amount=case.fine_amount,
                              reasons=case.fine_reasons, decided_at=case.fine_decided_at)
    if step.kind is StepKind.FINE_PAID:
        return PenaltyPaid(**base, amount=case.fine_amount, paid_at=case.fine_paid_at)
    if step.kind is StepKind.CLOSED:
        return CaseClosed(**base, article=case.article.value, outcome=step.detail, closed_at=case.closed_at)
    return None


def publish_measures(uow: SqlUnitOfWork, case: PenaltyCase, measures: list[Measure], violation: str) -> None:
    """M-40(1) → CreditRecordEntered (+ publication flag) and DepartmentsNotified; M-40(2)-(3) → MeasuresApplied."""
    ref = f"case:{case.case_id}"
    effects = {m.effect: m for m in measures}
    if credit := effects.get(MeasureEffect.CREDIT_RECORD_ENTERED):
        uow.publish(CreditRecordEntered(case_id=case.case_id, article=case.article.value, party_id=case.party_id,
                                        violation=violation, published=MeasureEffect.PUBLISHED in effects,
                                        recorded_at=credit.decided_at), subject_ref=ref)
    if notified := effects.get(MeasureEffect.DEPARTMENTS_NOTIFIED):
        uow.publish(DepartmentsNotified(case_id=case.case_id, party_id=case.party_id,
                                        departments=[d.value for d in notified.departments], summary=violation,
                                        notified_at=notified.decided_at), subject_ref=ref)
    yearly = [effects[e] for e in _YEARLY if e in effects]
    if yearly:
        uow.publish(MeasuresApplied(
            case_id=case.case_id, party_id=case.party_id, decided_at=yearly[0].decided_at,
            measures=[AppliedMeasure(kind=m.effect.value, from_year=m.from_year, to_year=m.to_year,
                                     department=m.departments[0].value) for m in yearly]), subject_ref=ref)
