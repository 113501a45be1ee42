"""Events the verifier-oversight service consumes: the covered list (allocation), and mrv's facts about each
engagement — verification filed (late or not), found missing at the deadline, re-check opened, determination made —
which move the engagement along and make the automatic deductions of the scoring table (`domain.quality`).

They run inside the consumer's transaction (inbox + effect commit together) and never commit themselves. Facts are
order-independent (each consumer has its own stream position): progress is kept by instant and revision, and a
deduction's id is its occurrence's, so a redelivered, re-published or late event deducts once. A fact about a year
whose evaluation is final, or about an agency or engagement this service does not know, is recorded in the audit
trail and changes nothing (never dead-lettered).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import EmissionsDetermined, RecheckOpened, VerificationFiled, VerificationMissing
from ets_shared.contracts.base import EventData
from ets_shared.messaging.consumers import EventHandler, reads_ahead
from verifier_oversight.domain import quality
from verifier_oversight.domain.assignments import Engagement
from verifier_oversight.domain.evaluation import Deduction, DeductionStatus, Evaluation
from verifier_oversight.domain.scoring import MISSING_VERIFICATION
from verifier_oversight.service_layer.evaluations import (
    evaluation_to_change, record, restated, subject, withdrawn_automatically,
)
from verifier_oversight.adapters.policy_repository import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


def _ignored(uow: OversightUnitOfWork, agency_id: str, year: int, what: str, why: str) -> None:
    uow.audit("verifier-oversight.evaluation.fact-ignored", subject(agency_id, year), {"fact": what, "why": why})


def _evaluation(uow: OversightUnitOfWork, agency_id: str, year: int, what: str) -> Evaluation | None:
    """The agency's open evaluation of `year` to deduct from, or None (ignored and audited)."""
    if uow.evaluations.year_finalised(year) is not None:
        _ignored(uow, agency_id, year, what, f"the {year} evaluation is final")
        return None
    if uow.agencies.find(agency_id) is None:
        _ignored(uow, agency_id, year, what, f"agency {agency_id} is not in the directory")
        return None
    return evaluation_to_change(uow, agency_id, year)


def _deduct(uow: OversightUnitOfWork, evaluation: Evaluation, deduction: Deduction) -> Evaluation:
    existing = next((d for d in evaluation.deductions if d.deduction_id == deduction.deduction_id), None)
    if existing is None:
        return record(uow, evaluation, deduction, uow.scoring.current(evaluation.year))
    if (existing.points, existing.measure, existing.evidence) == (deduction.points, deduction.measure,
                                                                  deduction.evidence):
        return evaluation
    return restated(uow, evaluation, deduction)


def _read_ahead(events: Sequence[Any], uow: OversightUnitOfWork, **what: bool) -> None:
    for year, entity_ids in _by_year(events).items():
        uow.assignments.read_ahead(entity_ids, year, **what)


def _by_year(events: Sequence[Any]) -> dict[int | None, list[str]]:
    by_year: dict[int | None, list[str]] = {}
    for e in events:
        by_year.setdefault(getattr(e, "compliance_year", None), []).append(e.entity_id)
    return by_year


def read_registrations_ahead(events: Sequence[EntityRegistered], uow: OversightUnitOfWork) -> None:
    """A batch of registrations: the entities this service holds already, in one query (per 500)."""
    _read_ahead(events, uow, entities=True)


def read_verifications_ahead(events: Sequence[VerificationFiled], uow: OversightUnitOfWork) -> None:
    """A batch of verifications: their engagements and verification records, one query each (per year, 500)."""
    _read_ahead(events, uow, engagements=True, verifications=True)


def read_determinations_ahead(events: Sequence[EmissionsDetermined], uow: OversightUnitOfWork) -> None:
    """A batch of determinations: their engagements, in one query (per year and 500)."""
    _read_ahead(events, uow, engagements=True)


@reads_ahead(read_registrations_ahead)
def on_entity_registered(event: EntityRegistered, uow: OversightUnitOfWork) -> None:
    """M-5 / M-13 ¶1: the covered entities whose verification the authority assigns, with their sector."""
    if uow.assignments.record_entity(event.entity_id, event.name, event.sector, event.covered,
                                     as_utc(event.registered_at)):
        uow.audit("verifier-oversight.entity.registered", f"entity:{event.entity_id}", event)
        uow.defer(write_entities, None)  # the batch's new entities in one INSERT at its commit


def write_entities(_items: list[None], uow: OversightUnitOfWork) -> None:
    """The covered entities a transaction recorded, written together at its commit."""
    uow.assignments.write_entities()


def write_verifications(_items: list[None], uow: OversightUnitOfWork) -> None:
    """The verification records a transaction added, written together at its commit."""
    uow.assignments.write_verifications()


def _engagement(uow: OversightUnitOfWork, entity_id: str, year: int) -> Engagement | None:
    return uow.assignments.engagement(entity_id, year, for_update=True)


@reads_ahead(read_verifications_ahead)
def on_verification_filed(event: VerificationFiled, uow: OversightUnitOfWork) -> None:
    """The engagement's verification is done (kept for the rotation rule too); filed after the deadline (M-13,
    30 April) it deducts LATE_VERIFICATION once per engagement — instead of MISSING_VERIFICATION, which a late
    verification withdraws if the deadline had found it missing."""
    year, filed_at = event.compliance_year, as_utc(event.filed_at)
    if uow.assignments.record_verification(event.entity_id, year, event.agency_id, event.verification_id, filed_at):
        uow.defer(write_verifications, None)  # the batch's new verification records in one INSERT at its commit
    engagement = _engagement(uow, event.entity_id, year)
    if engagement is not None and engagement.verified_at is None:
        uow.assignments.record_verified(engagement, event.verification_id, filed_at)
    if not event.late:
        return
    evaluation = _evaluation(uow, event.agency_id, year, f"late verification {event.verification_id}")
    if evaluation is None:
        return
    evaluation = _deduct(uow, evaluation, quality.late_verification(event.agency_id, event.entity_id, year,
                                                                    event.verification_id, filed_at,
                                                                    uow.scoring.current(year)))
    missing = quality.occurrence_id(MISSING_VERIFICATION, event.entity_id, year)
    found = next((d for d in evaluation.deductions if d.deduction_id == missing), None)
    if found is not None and found.status is DeductionStatus.ACTIVE:
        withdrawn_automatically(uow, evaluation, missing, f"the verification arrived late ({event.verification_id}): "
                                                          f"LATE_VERIFICATION applies instead", filed_at)


def on_verification_missing(event: VerificationMissing, uow: OversightUnitOfWork) -> None:
    """M-13: no verification by the deadline deducts MISSING_VERIFICATION from the agency mrv names, else from the
    agency the entity was assigned to; the engagement is over (for the year's evaluation). Arriving after the late
    verification itself (the events overtook each other), it deducts nothing: LATE_VERIFICATION applies."""
    year, at = event.compliance_year, as_utc(event.found_at)
    if uow.assignments.verification_filed(event.entity_id, year):
        uow.audit("verifier-oversight.evaluation.fact-ignored", f"entity:{event.entity_id}",
                  {"fact": "verification missing", "why": "the verification has since been filed (late)"})
        return
    engagement = _engagement(uow, event.entity_id, year)
    if engagement is not None and engagement.verified_at is None and engagement.missing_at is None:
        uow.assignments.save(replace(engagement, missing_at=at))
    agency_id = event.agency_id or (engagement.agency_id if engagement is not None else None)
    if agency_id is None:
        uow.audit("verifier-oversight.evaluation.fact-ignored", f"entity:{event.entity_id}",
                  {"fact": "verification missing", "why": f"{event.entity_id} was assigned to no agency for {year}"})
        return
    evaluation = _evaluation(uow, agency_id, year, f"verification of {event.entity_id} missing")
    if evaluation is not None:
        _deduct(uow, evaluation, quality.missing_verification(agency_id, event.entity_id, year,
                                                               event.due_on.isoformat(), event.report_id, at,
                                                               uow.scoring.current(year)))


def on_recheck_opened(event: RecheckOpened, uow: OversightUnitOfWork) -> None:
    """M-15 ¶2: the engagement is in re-check until a later determination ends it."""
    engagement = _engagement(uow, event.entity_id, event.compliance_year)
    opened = as_utc(event.opened_at)
    if engagement is not None and (engagement.recheck_opened_at is None or engagement.recheck_opened_at < opened):
        uow.assignments.save(replace(engagement, recheck_opened_at=opened))


@reads_ahead(read_determinations_ahead)
def on_emissions_determined(event: EmissionsDetermined, uow: OversightUnitOfWork) -> None:
    """M-15: the determination ends the engagement's re-check; its latest revision prices RECHECK_CORRECTED (scaled
    by how far the verified figure was corrected) and MATERIAL_MISSTATEMENT_MISSED, or withdraws them when a later
    revision no longer shows a correction. An older revision arriving late changes nothing."""
    year, at = event.compliance_year, as_utc(event.determined_at)
    engagement = _engagement(uow, event.entity_id, year)
    if engagement is None:
        _ignored(uow, event.agency_id, year, f"determination {event.determination_id}",
                 f"{event.entity_id} was assigned to no agency for {year}")
        return
    if engagement.determined_revision is not None and event.revision <= engagement.determined_revision:
        return
    uow.assignments.record_determination(engagement, at, event.revision)
    facts = quality.DeterminationFacts(event.determination_id, event.entity_id, year, event.agency_id, event.revision,
                                       event.basis == "recheck", event.reported_emissions, event.verified_emissions,
                                       event.determined_emissions)
    implied = quality.determination_deductions(facts, at, policy_for(uow.session, year), uow.scoring.current(year))
    if not any(implied.values()) and event.revision == 1:
        return  # a first determination without a correction: nothing to deduct or withdraw
    evaluation = _evaluation(uow, event.agency_id, year, f"determination {event.determination_id}")
    if evaluation is None:
        return
    for code, deduction in implied.items():
        if deduction is not None:
            evaluation = _deduct(uow, evaluation, deduction)
            continue
        occurrence = quality.occurrence_id(code, event.entity_id, year)
        earlier = next((d for d in evaluation.deductions if d.deduction_id == occurrence and d.counts), None)
        if earlier is not None and earlier.status is not DeductionStatus.CONTESTED:
            evaluation = withdrawn_automatically(uow, evaluation, occurrence, quality.withdrawal_reason(facts), at)


def on_calendar_tick(event: CalendarTick, uow: OversightUnitOfWork) -> None:
    """Regulatory time: moves this service's clock, which stamps filings, awards, certificates, inspections and
    evaluations (and opens the year's evaluation on its date)."""
    uow.advance_clock(event.now)


EVENT_HANDLERS: dict[type[EventData], EventHandler] = {
    EntityRegistered: on_entity_registered,
    VerificationFiled: on_verification_filed,
    VerificationMissing: on_verification_missing,
    RecheckOpened: on_recheck_opened,
    EmissionsDetermined: on_emissions_determined,
    CalendarTick: on_calendar_tick,
}
