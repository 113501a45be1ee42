"""What the mrv does with other services' events. Each handler runs inside the consumer's transaction (inbox +
effect) and never commits; a fact already known (replayed, or older than what is recorded) changes nothing.
"""
from __future__ import annotations

from collections.abc import Sequence

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.contracts.allocation import EntityExitDeclared, EntityRegistered, SuccessionApproved
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.verifier_oversight import (
    AgencyBlacklisted, AgencyEligibilityChanged, AgencyFiled, AgencyFilingChanged, TenderAwarded,
    VerificationAssigned, VerifierCertificateRevoked, VerifierCertified,
)
from ets_shared.contracts.base import EventData
from ets_shared.envelope import MessageContext
from ets_shared.messaging.consumers import EventHandler, reads_ahead
from mrv.adapters.repository import report_id_of
from mrv.domain.report_case import ReportCase
from mrv.service_layer.deadlines import check_deadlines
from mrv.adapters.policy_repository import policy_cache
from mrv.service_layer.publishing import publish_determined
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def on_agency_eligibility_changed(event: AgencyEligibilityChanged, uow: MrvUnitOfWork) -> None:
    """V: verifier oversight's verdict per agency and year. A "not eligible" (suspended, deregistered, blacklisted,
    de-selected) bars the agency; an "eligible" only lifts such a bar — selection itself comes from the tender award.
    The latest verdict per agency and year is kept."""
    if uow.signatories.record_eligibility(event.agency_id, event.compliance_year, event.eligible, event.reason,
                                          as_utc(event.changed_at)):
        uow.audit("mrv.signatory.agency-eligibility", f"agency:{event.agency_id}", event)


def on_verifier_certified(event: VerifierCertified, uow: MrvUnitOfWork) -> None:
    """V: a verifier holding the year's verification work certificate may sign for its agency."""
    if uow.signatories.record_certificate(event.certificate_no, event.verifier_id, event.agency_id,
                                          event.compliance_year, as_utc(event.issued_at)):
        uow.audit("mrv.signatory.certified", f"verifier:{event.verifier_id}", event)


def on_verifier_certificate_revoked(event: VerifierCertificateRevoked, uow: MrvUnitOfWork) -> None:
    """V: a revoked certificate no longer allows signing (kept even if it arrives before the certificate)."""
    if uow.signatories.record_revocation(event.certificate_no, event.verifier_id, event.agency_id,
                                         event.compliance_year, as_utc(event.revoked_at), event.reason):
        uow.audit("mrv.signatory.revoked", f"verifier:{event.verifier_id}", event)


def on_agency_filed(event: AgencyFiled, uow: MrvUnitOfWork) -> None:
    """M-14: the agency is filed in the public directory (version 1 of its entry)."""
    if uow.signatories.record_filing(event.agency_id, "FILED", 1, as_utc(event.filed_at)):
        uow.audit("mrv.signatory.agency-filed", f"agency:{event.agency_id}", event)


def on_agency_filing_changed(event: AgencyFilingChanged, uow: MrvUnitOfWork) -> None:
    """M-14: the directory entry changed (suspended, reinstated, deregistered, ...); the highest version is kept."""
    if uow.signatories.record_filing(event.agency_id, event.status, event.version, as_utc(event.changed_at)):
        uow.audit("mrv.signatory.agency-filing-changed", f"agency:{event.agency_id}", event)


def on_tender_awarded(event: TenderAwarded, uow: MrvUnitOfWork) -> None:
    """V: the agency won a lot of the year's tender: it is selected for the year."""
    if uow.signatories.record_award(event.agency_id, event.compliance_year, event.tender_id, event.lot_no,
                                    as_utc(event.awarded_at)):
        uow.audit("mrv.signatory.tender-awarded", f"agency:{event.agency_id}", event)


def on_agency_blacklisted(event: AgencyBlacklisted, uow: MrvUnitOfWork) -> None:
    """V: a failed agency signs nothing for the years its blacklist entry covers."""
    if uow.signatories.record_blacklisting(event.agency_id, event.evaluated_year, event.from_year, event.to_year,
                                           event.reason):
        uow.audit("mrv.signatory.agency-blacklisted", f"agency:{event.agency_id}", event)


def read_assignments_ahead(events: Sequence[VerificationAssigned], uow: MrvUnitOfWork) -> None:
    """A batch of assignments: the assignments held for them, in one query (per year and 500)."""
    uow.signatories.read_assignments_ahead((e.entity_id, e.compliance_year) for e in events)


@reads_ahead(read_assignments_ahead)
def on_verification_assigned(event: VerificationAssigned, uow: MrvUnitOfWork) -> None:
    """M-13 ¶1: only the agency the authority assigned may verify the entity's report for the year (the latest
    revision of the assignment)."""
    if uow.signatories.record_assignment(event.entity_id, event.compliance_year, event.agency_id, event.revision,
                                         as_utc(event.assigned_at)):
        uow.audit("mrv.signatory.assigned", f"entity:{event.entity_id}", event)


def read_registrations_ahead(events: Sequence[EntityRegistered], uow: MrvUnitOfWork) -> None:
    """A batch of registrations: the entities held already, in one query (per 500)."""
    uow.entities.read_ahead(e.entity_id for e in events)


@reads_ahead(read_registrations_ahead)
def on_entity_registered(event: EntityRegistered, uow: MrvUnitOfWork) -> None:
    """M-5 / M-12 ¶2: covered entities' reports are verified (M-13); others are reporting-only. Both must report
    from their first compliance year (default: the year of registration); covered entities file monitoring plans
    (M-11). A report filed before the registration arrived, and not yet verified, becomes a covered entity's
    report."""
    first_year = event.first_compliance_year or regulatory_date(event.registered_at).year
    if not uow.entities.record(event.entity_id, event.name, event.sector, event.covered,
                               as_utc(event.registered_at), first_year):
        return
    uow.audit("mrv.entity.registered", f"entity:{event.entity_id}", event)
    if event.covered:  # the batch's covered registrations cover their reports together, at its commit
        uow.defer(cover_reports_filed_before, (event.entity_id, first_year, uow.context))


def cover_reports_filed_before(registered: list[tuple[str, int, MessageContext]], uow: MrvUnitOfWork) -> None:
    """`on_entity_registered`'s covering, set-based for a consumed batch: the reports its covered registrations
    find filed and not yet verified, in one query and one UPDATE (per 500), each audited in its registration's case.
    Asked at the batch's commit, not ahead of it: on PostgreSQL a report committed while the batch runs is seen
    (a read-ahead would widen the window in which it is missed; this narrows it below one event's). An entity
    registered twice in the batch covers from the earlier of its years."""
    from_years: dict[str, tuple[int, MessageContext]] = {}
    for entity_id, year, context in registered:
        if entity_id not in from_years or year < from_years[entity_id][0]:
            from_years[entity_id] = (year, context)
    for entity_id, report_id in uow.reports.cover_unverified_reports(
            {entity_id: year for entity_id, (year, _) in from_years.items()}):
        uow.act_for(from_years[entity_id][1])
        uow.audit("mrv.report.covered", f"report:{report_id}", {"entity_id": entity_id})


def on_entity_exit_declared(event: EntityExitDeclared, uow: MrvUnitOfWork) -> None:
    """M-18: the entity exited: it reports its exit year's emissions by `report_due_on` (filed during the year,
    verified and determined like any other report, under the exit's correlation id) and owes nothing for later
    years."""
    uow.run_deferred(cover_reports_filed_before)  # the batch's registrations before: the exit reads their reports
    if not uow.entities.end(event.entity_id, event.compliance_year):
        return
    report_id = f"RPT-{event.entity_id}-{event.compliance_year}"
    case = uow.reports.find(report_id)
    if case is None:
        case = ReportCase(event.entity_id, event.compliance_year, uow.context.correlation_id,
                          covered=uow.entities.is_covered(event.entity_id, event.compliance_year))
        case.start_exit_report(event.report_due_on)
        uow.reports.add(report_id, case)
    else:
        case.start_exit_report(event.report_due_on)
        uow.reports.save(case, auto_determine_at=None, report_id=report_id)
    uow.audit("mrv.entity.exited", f"entity:{event.entity_id}", event)


def on_succession_approved(event: SuccessionApproved, uow: MrvUnitOfWork) -> None:
    """M-10: a predecessor that no longer exists on its own reports no year from the succession's on; its duty for
    the earlier years (a report still to file, amend or object to) and its history pass to its successors, who act
    for it (`acts_for`). The successors report their own years, the facilities they took over included."""
    continuing = {s.entity_id for s in event.successors if s.continues}
    for pred in event.predecessor_ids:
        if pred in continuing:
            continue
        uow.entities.end(pred, event.effective_on.year - 1)
        for successor in event.successors:
            uow.entities.add_successor(pred, successor.entity_id, event.succession_id, event.effective_on)
    uow.audit("mrv.entity.succeeded", f"succession:{event.succession_id}", event)


def on_calendar_tick(event: CalendarTick, uow: MrvUnitOfWork) -> None:
    """The deadlines that fell due (`deadlines`: plans, reports and verifications missing, determinations overdue)
    and, for the years with the `automatic_determination` option, every verified case without a re-check trigger
    whose objection period has passed is determined from the verified figure (M-15 ¶1). A stale or repeated tick
    changes nothing."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    policy_of = policy_cache(uow.session)
    uow.reports.collect_writes()  # every due case at once: one INSERT of determinations, one UPDATE of cases
    for case in uow.reports.due_for_determination(now):
        policy = policy_of(case.year)
        determination = case.determine_due(now, policy)
        uow.reports.save(case, auto_determine_at=case.auto_determination_at(policy))  # a longer period: later
        if determination is not None:
            publish_determined(uow, report_id_of(case), case, determination, policy)
    uow.reports.write_collected()  # before the deadlines' queries read the cases
    check_deadlines(uow, now, policy_of)


EVENT_HANDLERS: dict[type[EventData], EventHandler] = {
    AgencyEligibilityChanged: on_agency_eligibility_changed,
    AgencyFiled: on_agency_filed,
    AgencyFilingChanged: on_agency_filing_changed,
    TenderAwarded: on_tender_awarded,
    AgencyBlacklisted: on_agency_blacklisted,
    VerificationAssigned: on_verification_assigned,
    VerifierCertified: on_verifier_certified,
    VerifierCertificateRevoked: on_verifier_certificate_revoked,
    EntityRegistered: on_entity_registered,
    EntityExitDeclared: on_entity_exit_declared,
    SuccessionApproved: on_succession_approved,
    CalendarTick: on_calendar_tick,
}
