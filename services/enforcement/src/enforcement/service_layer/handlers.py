"""What the enforcement service does with other services' events (each `handler(data, uow)` runs inside the
consumer's transaction — inbox + effect — and never commits; a case's events carry its correlation id, the causing
event as causation):

- a reported violation opens its case (`violations.VIOLATION_FINDERS`: M-37, M-38, M-39, M-41, M-42);
- facts about an open case move it: a late report or monitoring plan corrects its M-37 case, a settlement makes an
  M-39 case good, a revised shortfall moves what is outstanding, a merger or split passes it to the successor (M-10);
- an authority deadline another service reports missed raises an M-43 flag, the act that comes resolves it
  (`accountability`);
- calendar ticks let time pass over the open cases, and find the exchange's market reports missing (M-42(1)).
A fact never arrives before its case: a producer's events are applied in the order it published them (the missing
finding before the late report, the shortfall before its revision or settlement), so a fact without its case
changes nothing. The handlers of one entity-year take turns (`CaseRepository.serialize`) with an officer's request
on the same case."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ObligationSettled, ShortfallRevised, SuccessionApproved
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.exchange import MarketDayReported
from ets_shared.contracts.mrv import EmissionReportSubmitted, MonitoringPlanFiled
from ets_shared.contracts.base import EventData
from ets_shared.messaging.consumers import EventHandler, reads_ahead
from enforcement.domain import Article, PartyKind, PenaltyCase, case_id_for
from enforcement.service_layer.accountability import DEADLINES_MET, DEADLINES_MISSED, flags_missed, resolves_flags
from enforcement.service_layer.exchange_duties import correct_by_late_report, reports_missing
from enforcement.adapters.policy_repository import policy_cache, policy_for
from enforcement.service_layer.cases import instant, policy_year, record
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork
from enforcement.service_layer.violations import (
    CASE_READ_AHEAD, DUTIES, PLAN, REPORT, VIOLATION_FINDERS, m37_key, open_case_for, opens_case,
)


def _m39_case(uow: EnforcementUnitOfWork, entity_id: str, year: int) -> PenaltyCase | None:
    uow.cases.serialize(entity_id, year)
    return uow.cases.latest(Article.M39, entity_id, year)


def _corrected(uow: EnforcementUnitOfWork, entity_id: str, year: int, duty: str, filed_at: datetime) -> None:
    uow.cases.serialize(entity_id, year)
    case = uow.cases.find(case_id_for(Article.M37, m37_key(entity_id, year, duty)))
    if case is None or case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    steps = case.record_correction(instant(uow, case, at=as_utc(filed_at)), uow.context.actor,
                                   f"{DUTIES[duty]} filed late on {as_utc(filed_at).isoformat()}", policy)
    record(uow, case, policy, steps)


def on_report_submitted(event: EmissionReportSubmitted, uow: EnforcementUnitOfWork) -> None:
    """M-37: a late report corrects the missing-report case (on time: there is none)."""
    if event.late:
        _corrected(uow, event.entity_id, event.compliance_year, REPORT, event.submitted_at)


def on_monitoring_plan_filed(event: MonitoringPlanFiled, uow: EnforcementUnitOfWork) -> None:
    """M-37 (M-11): a late monitoring plan corrects the missing-plan case."""
    if event.late and event.version == 1:
        _corrected(uow, event.entity_id, event.compliance_year, PLAN, event.filed_at)


def read_settlements_ahead(events: Sequence[ObligationSettled], uow: EnforcementUnitOfWork) -> None:
    """A batch of settlements: which entity-years have no M-39 case at all (most: settled in time), in one query."""
    uow.cases.read_ahead_without(Article.M39, [(e.entity_id, e.compliance_year) for e in events])


@reads_ahead(read_settlements_ahead)
def on_obligation_settled(event: ObligationSettled, uow: EnforcementUnitOfWork) -> None:
    """M-39: the shortfall made good. The entity's open M-39 case for that year records it and closes when nothing
    is left (a decided fine must be paid too: the fine never replaces the surrender)."""
    case = _m39_case(uow, event.entity_id, event.compliance_year)
    if case is None or case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    record(uow, case, policy, case.settle_obligation(instant(uow, case, at=as_utc(event.settled_at)),
                                                     uow.context.actor, policy))


def on_shortfall_revised(event: ShortfallRevised, uow: EnforcementUnitOfWork) -> None:
    """M-39: the case follows the revised shortfall (more or less outstanding)."""
    case = _m39_case(uow, event.entity_id, event.compliance_year)
    if case is None or case.is_closed or case.complied_at is not None or case.outstanding_tonnes == event.shortfall:
        return
    policy = policy_for(uow.session, policy_year(case))
    record(uow, case, policy, case.revise_shortfall(instant(uow, case, at=as_utc(event.revised_at)),
                                                    uow.context.actor, event.shortfall, policy))


def on_succession_approved(event: SuccessionApproved, uow: EnforcementUnitOfWork) -> None:
    """M-10: the open cases of a predecessor that no longer exists on its own pass to its successor — the one with
    the largest share of the obligations (the first listed on a tie) — with their ids, histories and deadlines."""
    continuing = {s.entity_id for s in event.successors if s.continues}
    for pred in event.predecessor_ids:
        if pred in continuing:
            continue
        for listed in uow.cases.list(party_id=pred, party_kind=PartyKind.COVERED_ENTITY.value, limit=10_000):
            case = uow.cases.find(listed.case_id)
            if case is None or case.is_closed:
                continue
            policy = policy_for(uow.session, policy_year(case))
            record(uow, case, policy, case.pass_to_successor(instant(uow, case, at=as_utc(event.approved_at)),
                                                             uow.context.actor, event.lead_successor,
                                                             event.succession_id, policy))


def on_calendar_tick(event: CalendarTick, uow: EnforcementUnitOfWork) -> None:
    """Time passes over the open cases whose next deadline has come (orders overdue, payments overdue, M-39 fine
    window ended → closed, M-43 inaction flagged), selected by their stored `next_due_at`."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    for violation in reports_missing(uow, now):
        open_case_for(uow, violation)
    policy_of = policy_cache(uow.session)
    after = ""
    while batch := uow.cases.due(now, after):
        for case in batch:
            policy = policy_of(policy_year(case))
            record(uow, case, policy, case.tick(now, policy))
        after = batch[-1].case_id


def on_market_day_reported(event: MarketDayReported, uow: EnforcementUnitOfWork) -> None:
    """M-42(1): a late report opens its case (unless the tick already did), and the report corrects the case."""
    opens_case(VIOLATION_FINDERS[MarketDayReported])(event, uow)
    correct_by_late_report(event, uow)


EVENT_HANDLERS: dict[type[EventData], EventHandler] = {
    **{contract: opens_case(find, CASE_READ_AHEAD.get(contract)) for contract, find in VIOLATION_FINDERS.items()},
    MarketDayReported: on_market_day_reported,
    **{contract: flags_missed(build) for contract, build in DEADLINES_MISSED.items()},
    **{contract: resolves_flags(build) for contract, build in DEADLINES_MET.items()},
    ObligationSettled: on_obligation_settled,
    ShortfallRevised: on_shortfall_revised,
    SuccessionApproved: on_succession_approved,
    EmissionReportSubmitted: on_report_submitted,
    MonitoringPlanFiled: on_monitoring_plan_filed,
    CalendarTick: on_calendar_tick,
}
