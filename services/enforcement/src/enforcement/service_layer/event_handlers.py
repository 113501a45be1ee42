"""What the enforcement service does with other services' events: shortfalls open M-39 cases, settlements make them
good, revised shortfalls move them; missing reports and monitoring plans open M-37 cases and late ones correct them
(`reporting_cases`); agency violations found by verifier oversight open M-41 cases; calendar ticks let time pass over
the open cases. Each runs inside the consumer's transaction (inbox +
effect) and never commits; its events inherit the causing event's correlation id."""
from __future__ import annotations

from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ObligationSettled, ShortfallDetected, ShortfallRevised
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import (
    EmissionReportMissing, EmissionReportSubmitted, MonitoringPlanFiled, MonitoringPlanMissing,
)
from ets_shared.contracts.verifier_oversight import AgencyViolationFound
from enforcement.domain import Article, CaseSource, EnforcementPolicy, issue_order, open_case, settle_obligation, tick
from enforcement.service_layer.handlers import instant, m39_case_id, m41_case_id, policy_for, policy_year, record
from enforcement.service_layer.reporting_cases import (
    on_monitoring_plan_filed, on_monitoring_plan_missing, on_report_missing, on_report_submitted, on_shortfall_revised,
)
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork


def on_shortfall_detected(event: ShortfallDetected, uow: EnforcementUnitOfWork) -> None:
    """M-39: opens the case `CASE-M39-{entity_id}-{compliance_year}` and orders the shortfall surrendered
    (CaseOpened + OrderIssued). A redelivered or repeated shortfall opens nothing new."""
    case_id = m39_case_id(event.entity_id, event.compliance_year)
    uow.cases.serialize(event.entity_id, event.compliance_year)
    if event.shortfall < 1 or uow.cases.find(case_id) is not None:
        return
    at = max(uow.now(), as_utc(event.detected_at))  # the case opens when the shortfall is known here
    policy = policy_for(uow.session, event.compliance_year)
    actor = uow.context.actor
    case = open_case(case_id, Article.M39, event.entity_id, at, actor, source=CaseSource.EVENT,
                     source_ref=uow.context.causation_id or case_id, compliance_year=event.compliance_year,
                     shortfall_tonnes=event.shortfall, policy=policy)
    issue_order(case, at, actor, policy=policy)
    record(uow, case, policy, list(case.history))


def on_obligation_settled(event: ObligationSettled, uow: EnforcementUnitOfWork) -> None:
    """M-39: the shortfall made good. The entity's M-39 case for that year records it and closes when nothing is
    left (a decided fine must be paid too: the fine never replaces the surrender). No case: nothing to do (allocation's
    events arrive in the order it published them, so a late settlement always comes after its shortfall)."""
    case_id = m39_case_id(event.entity_id, event.compliance_year)
    uow.cases.serialize(event.entity_id, event.compliance_year)
    case = uow.cases.find(case_id)
    if case is None:
        return
    if case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    steps = settle_obligation(case, instant(uow, case, at=as_utc(event.settled_at)), uow.context.actor, policy)
    record(uow, case, policy, steps)


VIOLATIONS = {"false_report": "false or untrue verification report (出具虚假、不实核查报告)",
              "major_error": "major error in a verification report (核查报告存在重大错误)",
              "data_misuse": "unauthorised use or disclosure of the verified entity's data (擅自使用或者发布被核查单位的信息)"}


def on_agency_violation_found(event: AgencyViolationFound, uow: EnforcementUnitOfWork) -> None:
    """M-41: an agency's false report, major error or data misuse, found by verifier oversight, opens the case
    `CASE-M41-{finding_id}` against the agency with its order to correct (CaseOpened + OrderIssued). M-41 fines come
    with the order ("责令限期改正，处以…罚款"): the officer decides the amount (30,000-100,000) from that moment, and
    the M-43 alert runs while it waits. A redelivered event, or the same finding again, opens nothing new."""
    case_id = m41_case_id(event.finding_id)
    if uow.cases.find(case_id) is not None:
        return
    at = max(uow.now(), as_utc(event.found_at))
    policy = policy_for(uow.session, event.compliance_year)
    actor = uow.context.actor
    about = f" at {event.entity_id}" if event.entity_id else ""
    allegation = (f"{VIOLATIONS[event.violation]}{about}, {event.compliance_year} verification work: "
                  f"{event.description} (finding {event.finding_id}, item {event.item_code}; evidence: "
                  f"{'; '.join(event.evidence)})")
    case = open_case(case_id, Article.M41, event.agency_id, at, actor, source=CaseSource.EVENT,
                     source_ref=uow.context.causation_id or case_id, allegation=allegation,
                     compliance_year=event.compliance_year, policy=policy)
    issue_order(case, at, actor, policy=policy)
    record(uow, case, policy, list(case.history))


def on_calendar_tick(event: CalendarTick, uow: EnforcementUnitOfWork) -> None:
    """Time passes over the open cases whose next deadline has come (orders overdue, M-39 fine window ended →
    CaseClosed, M-43 inaction flagged), selected by their stored `next_due_at`."""
    if not uow.advance_clock(event.now):
        return
    now = as_utc(event.now)
    policies: dict[int, EnforcementPolicy] = {}
    after = ""
    while batch := uow.cases.due(now, after):
        for case in batch:
            year = policy_year(case)
            policy = policies.get(year) or policies.setdefault(year, policy_for(uow.session, year))
            record(uow, case, policy, tick(case, now, policy))
        after = batch[-1].case_id


EVENT_HANDLERS = {
    ShortfallDetected: on_shortfall_detected,
    ObligationSettled: on_obligation_settled,
    ShortfallRevised: on_shortfall_revised,
    EmissionReportMissing: on_report_missing,
    EmissionReportSubmitted: on_report_submitted,
    MonitoringPlanMissing: on_monitoring_plan_missing,
    MonitoringPlanFiled: on_monitoring_plan_filed,
    AgencyViolationFound: on_agency_violation_found,
    CalendarTick: on_calendar_tick,
}
