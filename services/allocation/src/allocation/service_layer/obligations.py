"""Obligations (M-15, M-16; docs/rules.md §5): determinations set the obligation — and revisions move it, more or
less — and once an obligation's own last surrender day has passed an unmet one is in shortfall. Surrender itself:
`surrender`.

M-16 as the platform reads it (README, "Surrender deadline that follows the determination"): the duty is measured by
the determined figure, so an entity whose emissions are determined, or raised, late gets
`surrender_days_after_determination` days from that determination (including its day) even when they run past the
window's close; an entity already in shortfall gets no new period — its M-39 case follows the new figure
(`ShortfallRevised`)."""
from __future__ import annotations

from collections.abc import Sequence

from allocation.domain import EmissionsSource, KnownEmissions, Obligation, ObligationStatus
from allocation.service_layer.ledger import publish_daily_head
from allocation.adapters.policy_repository import AllocationPolicyDocument, policy_cache, policy_for
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ObligationRecorded, ObligationSettled, ShortfallDetected, ShortfallRevised
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import EmissionsDeterminedV2
from ets_shared.errors import RuleViolation
from ets_shared.messaging.consumers import reads_ahead


def publish_settled(uow: AllocationUnitOfWork, obligation: Obligation, late: bool) -> None:
    """The obligation is met: the event closes its compliance case, so it carries the case's correlation id."""
    data = ObligationSettled(entity_id=obligation.entity_id, compliance_year=obligation.year,
                             obligation=obligation.total, surrendered=obligation.surrendered,
                             late=late, settled_at=uow.now(), correlation_id=obligation.correlation_id)
    uow.publish(data)


def read_determinations_ahead(events: Sequence[EmissionsDeterminedV2], uow: AllocationUnitOfWork) -> None:
    """A batch of determinations: its entities, obligations and known emissions in one query each (per 500)."""
    keys = [(e.entity_id, e.compliance_year) for e in events]
    uow.entities.read_standing_ahead([entity_id for entity_id, _ in keys])
    uow.obligations.read_ahead(keys)
    uow.emissions.read_ahead(keys)


@reads_ahead(read_determinations_ahead)
def on_emissions_determined(event: EmissionsDeterminedV2, uow: AllocationUnitOfWork) -> None:
    """M-15/M-16: a covered entity's determined emissions become its obligation for the year — every basis,
    the authority's own figure included — and only a higher revision changes it. A first or raising determination
    gives the entity its surrender period (M-16); a revision of an obligation in shortfall moves the shortfall
    (`ShortfallRevised`) or settles it. The figure is also the best known emissions of that year (M-5). An entity
    this registry does not know as covered is ignored."""
    standing = uow.entities.standing(event.entity_id)
    if standing is None or not standing.covered:
        return
    found = uow.obligations.find(event.entity_id, event.compliance_year)
    obligation = found or Obligation(event.entity_id, event.compliance_year,
                                     exit_year=standing.exit_year == event.compliance_year,
                                     correlation_id=uow.context.correlation_id)
    before, shortfall_before = obligation.status, obligation.remaining
    policy = policy_for(uow.session, event.compliance_year)
    now = uow.now()
    if not obligation.apply_determination(event.revision, event.determined_emissions, as_utc(event.determined_at),
                                          policy):
        return  # an older revision, delivered late or again
    uow.emissions.record_later(KnownEmissions(event.entity_id, event.compliance_year, event.determined_emissions,
                                              None, EmissionsSource.DETERMINED, as_utc(event.determined_at)))
    settled = obligation.status is ObligationStatus.SETTLED and before is not ObligationStatus.SETTLED
    extra: dict[str, object] = {}
    if settled or obligation.status is not ObligationStatus.SETTLED:
        extra["settled_at"] = now if settled else None
    uow.obligations.save_later(obligation, policy, determination_id=event.determination_id, recorded_at=now, **extra)
    uow.defer(_write_obligations, None)  # with the batch's others (and their figures), at its commit
    uow.publish(ObligationRecorded(entity_id=obligation.entity_id, compliance_year=obligation.year,
                                   obligation=obligation.total,
                                   determination_id=event.determination_id, revision=event.revision,
                                   recorded_at=now, surrender_until=obligation.surrender_until(policy)))
    if settled:
        publish_settled(uow, obligation, late=before is ObligationStatus.SHORTFALL)
    elif obligation.status is ObligationStatus.SHORTFALL and obligation.remaining != shortfall_before:
        uow.publish(ShortfallRevised(entity_id=obligation.entity_id, compliance_year=obligation.year,
                                     obligation=obligation.total, surrendered=obligation.surrendered,
                                     shortfall=obligation.remaining, determination_id=event.determination_id,
                                     revision=event.revision, revised_at=now,
                                     correlation_id=obligation.correlation_id))


def _write_obligations(_: list[None], uow: AllocationUnitOfWork) -> None:
    uow.obligations.write_pending()
    uow.emissions.write_pending()


def on_calendar_tick(event: CalendarTick, uow: AllocationUnitOfWork) -> None:
    """M-16 → M-39: each OPEN determined obligation whose last surrender day has passed by `now` (the year's
    window, or the period after a late determination) and is short of its emissions becomes SHORTFALL, once
    (ShortfallDetected, under the determination's correlation id); the ledger's head at the end of the previous day
    is published once (M-32). A stale tick changes nothing."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    publish_daily_head(uow, now)
    policies = policy_cache(uow.session)
    closed: dict[int, list[tuple[Obligation, int]]] = {}
    for ob in uow.obligations.closing(now):
        try:
            policy = policies(ob.year)
        except RuleViolation as exc:  # a policy that does not fit its year must not stop the clock
            uow.audit("allocation.policy.unusable", f"policy:{ob.year}", {"field": exc.field, "error": exc.detail})
            continue
        if (shortfall := ob.close(now, policy)) is not None:
            closed.setdefault(ob.year, []).append((ob, shortfall))
    for year, items in closed.items():
        uow.obligations.save_all([ob for ob, _ in items], policies(year))
        for ob, shortfall in items:
            uow.publish(ShortfallDetected(
                entity_id=ob.entity_id, compliance_year=year, obligation=ob.total,
                surrendered=ob.surrendered, shortfall=shortfall, detected_at=now,
                determination_revision=ob.determination_revision, correlation_id=ob.correlation_id))


def on_policy_changed(uow: AllocationUnitOfWork, year: int, document: AllocationPolicyDocument) -> None:
    """The `on_change` hook of PUT /policy/{year}, inside its transaction: a document that does not fit its year
    (e.g. a window opening before Y+1) is refused with 422 and nothing is stored; otherwise the year's open
    obligations' closing instants follow the new window and period (M-16)."""
    moved = uow.obligations.redate(year, document.for_year(year))
    if moved:
        uow.audit("allocation.obligations.redated", f"policy:{year}", {"obligations": moved})
