"""What the enforcement service does with other services' events (each `handler(data, uow)` runs inside the
consumer's transaction — inbox + effect — and never commits; its events carry the causing event's correlation id):

- a reported violation opens its case (`violations.VIOLATION_FINDERS`: M-37, M-38, M-39, M-41; M-42 to come);
- facts about an open case move it: a late report or monitoring plan corrects its M-37 case, a settlement makes an
  M-39 case good, a revised shortfall moves what is outstanding;
- an authority deadline another service reports missed raises an M-43 flag, the act that comes resolves it
  (`accountability`);
- calendar ticks let time pass over the open cases.
A fact that arrives before its case (consumers of different subjects may overtake each other) is kept and applied
when the case opens; the handlers of one entity-year take turns (`CaseRepository.serialize`)."""
from __future__ import annotations

from datetime import datetime

from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ObligationSettled, ShortfallDetected, ShortfallRevised
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import (
    EmissionReportMissing, EmissionReportSubmitted, MonitoringPlanFiled, MonitoringPlanMissing,
)
from enforcement.domain import Article, EnforcementPolicy, PenaltyCase, case_id_for
from enforcement.service_layer.accountability import DEADLINES_MET, DEADLINES_MISSED, flags_missed, resolves_flags
from enforcement.service_layer.handlers import instant, policies, policy_for, policy_year, record
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork
from enforcement.service_layer.violations import (
    DUTIES, PLAN, REPORT, VIOLATION_FINDERS, m37_key, opens_case,
)

SETTLED, SHORTFALL = "settled", "shortfall-revised"


def _m39_case(uow: EnforcementUnitOfWork, entity_id: str, year: int) -> PenaltyCase | None:
    uow.cases.serialize(entity_id, year)
    return uow.cases.latest(Article.M39, entity_id, year)


def _corrected(uow: EnforcementUnitOfWork, entity_id: str, year: int, duty: str, filed_at: datetime) -> None:
    uow.cases.serialize(entity_id, year)
    case = uow.cases.find(case_id_for(Article.M37, m37_key(entity_id, year, duty)))
    if case is None:  # its finding may still be on the way (another consumer)
        uow.early_facts.remember(entity_id, year, duty, as_utc(filed_at))
        return
    if case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    steps = case.record_correction(instant(uow, case, at=as_utc(filed_at)), uow.context.actor,
                                   f"{DUTIES[duty]} filed late on {as_utc(filed_at).isoformat()}", policy)
    record(uow, case, policy, steps)


def _m37_catch_up(uow: EnforcementUnitOfWork, case: PenaltyCase, policy: EnforcementPolicy) -> None:
    duty = REPORT if case.case_id.endswith(f"-{REPORT}") else PLAN
    early = uow.early_facts.take(case.party_id, case.compliance_year, duty)
    if early is not None:  # corrected before the case could be opened
        case.record_correction(instant(uow, case, at=as_utc(early.at)), case.opened_by,
                               f"{DUTIES[duty]} filed late on {as_utc(early.at).isoformat()}", policy)


def _m39_catch_up(uow: EnforcementUnitOfWork, case: PenaltyCase, policy: EnforcementPolicy) -> None:
    revised = uow.early_facts.take(case.party_id, case.compliance_year, SHORTFALL)
    settled_at = uow.early_settlements.take(case.party_id, case.compliance_year)
    if revised is not None and settled_at is None and revised.tonnes != case.outstanding_tonnes:
        case.revise_shortfall(instant(uow, case, at=as_utc(revised.at)), case.opened_by, revised.tonnes, policy)
    if settled_at is not None:  # the late settlement was delivered first
        case.settle_obligation(instant(uow, case, at=as_utc(settled_at)), case.opened_by, policy)


def on_report_submitted(event: EmissionReportSubmitted, uow: EnforcementUnitOfWork) -> None:
    """M-37: a late report corrects the missing-report case (on time: there is none)."""
    if event.late:
        _corrected(uow, event.entity_id, event.compliance_year, REPORT, event.submitted_at)


def on_monitoring_plan_filed(event: MonitoringPlanFiled, uow: EnforcementUnitOfWork) -> None:
    """M-37 (M-11): a late monitoring plan corrects the missing-plan case."""
    if event.late and event.version == 1:
        _corrected(uow, event.entity_id, event.compliance_year, PLAN, event.filed_at)


def on_obligation_settled(event: ObligationSettled, uow: EnforcementUnitOfWork) -> None:
    """M-39: the shortfall made good. The entity's open M-39 case for that year records it and closes when nothing
    is left (a decided fine must be paid too: the fine never replaces the surrender)."""
    case = _m39_case(uow, event.entity_id, event.compliance_year)
    if case is None:
        if event.late:  # its shortfall may still be on the way (another consumer)
            uow.early_settlements.remember(event.entity_id, event.compliance_year, as_utc(event.settled_at))
        return
    if case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    record(uow, case, policy, case.settle_obligation(instant(uow, case, at=as_utc(event.settled_at)),
                                                     uow.context.actor, policy))


def on_shortfall_revised(event: ShortfallRevised, uow: EnforcementUnitOfWork) -> None:
    """M-39: the case follows the revised shortfall (more or less outstanding); kept until the case opens."""
    case = _m39_case(uow, event.entity_id, event.compliance_year)
    if case is None:
        uow.early_facts.remember(event.entity_id, event.compliance_year, SHORTFALL, as_utc(event.revised_at),
                                 event.shortfall)
        return
    if case.is_closed or case.complied_at is not None or case.outstanding_tonnes == event.shortfall:
        return
    policy = policy_for(uow.session, policy_year(case))
    record(uow, case, policy, case.revise_shortfall(instant(uow, case, at=as_utc(event.revised_at)),
                                                    uow.context.actor, event.shortfall, policy))


def on_calendar_tick(event: CalendarTick, uow: EnforcementUnitOfWork) -> None:
    """Time passes over the open cases whose next deadline has come (orders overdue, payments overdue, M-39 fine
    window ended → closed, M-43 inaction flagged), selected by their stored `next_due_at`."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    policy_of = policies(uow.session)
    after = ""
    while batch := uow.cases.due(now, after):
        for case in batch:
            policy = policy_of(policy_year(case))
            record(uow, case, policy, case.tick(now, policy))
        after = batch[-1].case_id


_CATCH_UP = {EmissionReportMissing: _m37_catch_up, MonitoringPlanMissing: _m37_catch_up,
             ShortfallDetected: _m39_catch_up}

EVENT_HANDLERS = {
    **{contract: opens_case(find, _CATCH_UP.get(contract)) for contract, find in VIOLATION_FINDERS.items()},
    **{contract: flags_missed(build) for contract, build in DEADLINES_MISSED.items()},
    **{contract: resolves_flags(build) for contract, build in DEADLINES_MET.items()},
    ObligationSettled: on_obligation_settled,
    ShortfallRevised: on_shortfall_revised,
    EmissionReportSubmitted: on_report_submitted,
    MonitoringPlanFiled: on_monitoring_plan_filed,
    CalendarTick: on_calendar_tick,
}
