"""Events the verifier-oversight service consumes, and what they do to the agencies' evaluations (V, "after").

They run inside the consumer's transaction (inbox + effect commit together) and never commit themselves. Each
deduction's id is derived from the event — one per agency engagement (entity and compliance year) — so a
redelivered or re-published event, or a later revision of the same determination, deducts once.
"""
from __future__ import annotations

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import EmissionsDetermined, VerificationFiled
from verifier_oversight.domain.evaluation import DeductionSource, open_evaluation
from verifier_oversight.domain.policy import LATE_REPORT, RECHECK_CORRECTED
from verifier_oversight.service_layer.evaluations import deduct, subject
from verifier_oversight.service_layer.policy import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


def _deduct_for_event(uow: OversightUnitOfWork, agency_id: str, year: int, deduction_id: str, code: str,
                      source: DeductionSource, reason: str, reference: str) -> None:
    """Deduct from the agency's evaluation for `year`, opening it if needed; ignored (and audited) when the
    agency is unknown, was not selected that year, or its evaluation is already final."""
    agency = uow.agencies.find(agency_id, for_update=True)  # one change to the agency's evaluation at a time
    evaluation = uow.evaluations.find(agency_id, year) if agency is not None else None
    awards = uow.agencies.awards([agency_id], year) if agency is not None and evaluation is None else []
    ignored = None
    if agency is None:
        ignored = f"agency {agency_id} is not in the directory"
    elif evaluation is None and not awards:
        ignored = f"agency {agency_id} was not selected by tender for {year}"
    elif evaluation is not None and evaluation.finalised_at is not None:
        ignored = f"the evaluation of {agency_id} for {year} is final ({evaluation.grade})"
    if ignored is not None:
        uow.audit("verifier-oversight.evaluation.deduction-ignored", subject(agency_id, year),
                  {"deduction_id": deduction_id, "code": code, "reference": reference, "why": ignored})
        return
    evaluation = evaluation or open_evaluation(agency_id, year, awards, [])
    if any(d.deduction_id == deduction_id for d in evaluation.deductions):
        return
    deduct(uow, evaluation, deduction_id, code, source.value, reason, policy_for(uow.session, year), reference,
           uow.now())


def on_emissions_determined(event: EmissionsDetermined, uow: OversightUnitOfWork) -> None:
    """V: a determination after re-check (复查) that corrected the verified emissions deducts the scoring table's
    RECHECK_CORRECTED points from the verifying agency's evaluation for that year — once per entity and year."""
    if event.basis != "recheck" or event.determined_emissions == event.verified_emissions:
        return
    reason = (f"re-check of {event.entity_id} for {event.compliance_year} determined {event.determined_emissions} t "
              f"against {event.verified_emissions} t verified (M-15)")
    _deduct_for_event(uow, event.agency_id, event.compliance_year,
                      f"recheck-corrected:{event.entity_id}:{event.compliance_year}", RECHECK_CORRECTED,
                      DeductionSource.DETERMINATION, reason, event.determination_id)


def on_verification_filed(event: VerificationFiled, uow: OversightUnitOfWork) -> None:
    """V: a verification report filed after the deadline (M-13, 30 April) deducts the scoring table's LATE_REPORT
    points from the agency's evaluation for that year — once per entity and year."""
    if not event.late:
        return
    reason = f"verification report on {event.entity_id} for {event.compliance_year} filed late (M-13)"
    _deduct_for_event(uow, event.agency_id, event.compliance_year,
                      f"late-report:{event.entity_id}:{event.compliance_year}", LATE_REPORT, DeductionSource.OTHER,
                      reason, event.verification_id)


def on_calendar_tick(event: CalendarTick, uow: OversightUnitOfWork) -> None:
    """Regulatory time: moves this service's clock, which stamps filings, awards, certificates and evaluations."""
    uow.advance_clock(event.now)


EVENT_HANDLERS = {
    EmissionsDetermined: on_emissions_determined,
    VerificationFiled: on_verification_filed,
    CalendarTick: on_calendar_tick,
}
