"""Obligations (M-15, M-16; regulation.md §5): determinations set the obligation, and at the close of the surrender
window the unmet ones are in shortfall. Surrender itself: `surrender`."""
from __future__ import annotations


from allocation.domain import Obligation, ObligationStatus
from allocation.service_layer.policy import policy_for
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ObligationRecorded, ObligationSettled, ShortfallDetected
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import EmissionsDetermined
from ets_shared.errors import RuleViolation


def publish_settled(uow: AllocationUnitOfWork, obligation: Obligation, late: bool) -> None:
    """The obligation is met: the event closes its compliance case, so it carries the case's correlation id."""
    data = ObligationSettled(entity_id=obligation.entity_id, compliance_year=obligation.year,
                             obligation=obligation.determined_emissions, surrendered=obligation.surrendered,
                             late=late, settled_at=uow.now())
    uow.publish(data, correlation_id=uow.obligations.case_of(obligation))


def on_emissions_determined(event: EmissionsDetermined, uow: AllocationUnitOfWork) -> None:
    """M-15/M-16: a covered entity's determined emissions become its obligation for the year (only a higher revision
    changes it); a determination of 0 settles at once. An entity this registry does not know is ignored."""
    if not uow.entities.exists(event.entity_id):
        return
    found = uow.obligations.find(event.entity_id, event.compliance_year)
    obligation = found or Obligation(event.entity_id, event.compliance_year)
    before = obligation.status
    if not obligation.apply_determination(event.revision, event.determined_emissions):
        return
    now = uow.now()
    settled = obligation.status is ObligationStatus.SETTLED and before is not ObligationStatus.SETTLED
    extra = {} if found else {"correlation_id": uow.context.correlation_id}
    if settled or obligation.status is not ObligationStatus.SETTLED:
        extra["settled_at"] = now if settled else None
    uow.obligations.save(obligation, determination_id=event.determination_id, recorded_at=now, **extra)
    uow.publish(ObligationRecorded(entity_id=obligation.entity_id, compliance_year=obligation.year,
                                   obligation=obligation.determined_emissions,
                                   determination_id=event.determination_id, revision=event.revision,
                                   recorded_at=now))
    if settled:
        publish_settled(uow, obligation, late=before is ObligationStatus.SHORTFALL)


def on_calendar_tick(event: CalendarTick, uow: AllocationUnitOfWork) -> None:
    """M-16 → M-39: for every year whose surrender window closed by `now`, each OPEN determined obligation short of
    its emissions becomes SHORTFALL, once (ShortfallDetected, under the determination's correlation id). A stale
    tick changes nothing."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    for year in uow.obligations.years_with_open():
        try:
            policy = policy_for(uow.session, year)
        except RuleViolation as exc:  # a policy that does not fit its year must not stop the clock
            uow.audit("allocation.policy.unusable", f"policy:{year}", {"field": exc.field, "error": exc.detail})
            continue
        if now < policy.window_closes_at:
            continue
        closed = [(ob, shortfall, correlation_id) for ob, correlation_id in uow.obligations.open_determined(year)
                  if (shortfall := ob.close(now, policy)) is not None]
        uow.obligations.save_all([ob for ob, _, _ in closed])
        for ob, shortfall, correlation_id in closed:
            uow.publish(ShortfallDetected(
                entity_id=ob.entity_id, compliance_year=year, obligation=ob.determined_emissions,
                surrendered=ob.surrendered, shortfall=shortfall, detected_at=now), correlation_id=correlation_id)
