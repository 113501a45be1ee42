"""Cases from events: every violation another service reports opens its case by itself, citing its article, with
the order issued at once — one mechanism for all of them.

`VIOLATION_FINDERS` maps an event contract to a function that reads the violation out of it (None: not one this
office punishes). `opens_case(finder)` is the consumer: it opens `CASE-<article>-<key>` unless a case of that
violation exists (opened before by the same or another event, or by an officer with the same `violation_key`):
the same violation never opens two cases. The events of the case carry the reporting event's correlation id.

- M-37: mrv's `report.missing` (covered entities only: M-37 punishes "纳入配额管理的单位"; also an exiting entity's
  report of its exit year, M-18, which has no penalty of its own — the platform's reading) and
  `monitoring-plan.missing` (M-11, the basis of the M-12 report);
- M-38: mrv's `verification.impeded`, the assigned agency's record of false documents or concealment (¶1) or of
  refused documents or obstruction (¶2);
- M-39: allocation's `obligation.shortfall-detected` — also a later shortfall of the same year after the first was
  made good and a raised determination gave a new surrender period (its own case, keyed by the determination);
- M-41: verifier oversight's `agency.violation-found`;
- M-42: the exchange's own duties (`exchange_duties`): `trading-day.opened` (rules never filed, no risk reserve
  fund), `market-day.reported` (a report after its deadline), `fees.outside-schedule`; a day's report missing
  altogether is found by the calendar tick after its deadline (`handlers.on_calendar_tick`).
A finder may return several violations (a list): each opens its own case.

A consumed batch of the violations whose case id the event names by itself (`CASE_READ_AHEAD`: shortfalls, missing
reports and plans) first learns in one query which of those cases do not exist yet, so opening each queries
nothing (`CaseRepository.read_ahead_absent`); the rows are written together at the commit.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.contracts.allocation import ShortfallDetected
from ets_shared.contracts.exchange import FeeOutsideSchedule, MarketDayReported, TradingDayOpened
from ets_shared.contracts.mrv import EmissionReportMissing, MonitoringPlanMissing, VerificationImpeded
from ets_shared.contracts.verifier_oversight import AgencyViolationFound
from ets_shared.messaging.consumers import reads_ahead
from enforcement.domain import Article, CaseSource, PenaltyCase, Violation, case_id_for
from enforcement.service_layer.exchange_duties import fees_outside_schedule, market_day_reported, trading_day_opened
from enforcement.adapters.policy_repository import policy_for
from enforcement.service_layer.cases import m39_key, record
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

Finder = Callable[[Any, EnforcementUnitOfWork], Violation | list[Violation] | None]
CaseOf = Callable[[Any], tuple[str, str, int]]  # the event's case id, party and year
REPORT, PLAN = "report", "monitoring-plan"
DUTIES = {REPORT: "emission report (M-12)", PLAN: "monitoring plan (M-11)"}


def m37_key(entity_id: str, compliance_year: int, duty: str) -> str:
    """One M-37 case per entity, year and duty (the report, the monitoring plan), whoever opens it."""
    return f"{entity_id}-{compliance_year}-{duty}"


def report_missing(event: EmissionReportMissing, uow: EnforcementUnitOfWork) -> Violation | None:
    if not event.covered:
        uow.audit("enforcement.report-missing.not-covered", f"entity:{event.entity_id}", event)
        return None
    violation = _missing(event.entity_id, event.compliance_year, REPORT, event.due_on, event.found_at)
    if event.exit_report:  # M-18: the exit year's report, due 15 days after the exit; punished as M-37's refusal
        violation = replace(violation, allegation=f"no report of its {event.compliance_year} emissions within 15 days "
                                                  f"of its exit (M-18), by {event.due_on}: refusal to fulfil the "
                                                  "reporting duty")
    return violation


def plan_missing(event: MonitoringPlanMissing, _uow: EnforcementUnitOfWork) -> Violation:
    return _missing(event.entity_id, event.compliance_year, PLAN, event.due_on, event.found_at)


def _missing(entity_id: str, year: int, duty: str, due_on, found_at) -> Violation:
    allegation = (f"no {DUTIES[duty]} for {year} by {due_on}: refusal to fulfil the reporting duty"
                  + (" (M-11 plan, the basis of the M-12 report)" if duty == PLAN else ""))
    return Violation(Article.M37, entity_id, m37_key(entity_id, year, duty), allegation, as_utc(found_at), year)


IMPEDIMENTS = {"false_documents": "false or untrue documents supplied to the verification agency",
               "information_concealed": "important information concealed from the verification agency",
               "documents_refused": "documents refused to the verification agency",
               "obstruction": "the verification agency's work obstructed"}


def verification_impeded(event: VerificationImpeded, _uow: EnforcementUnitOfWork) -> Violation:
    allegation = (f"{IMPEDIMENTS[event.kind]} (M-13 ¶2) during the {event.compliance_year} verification by "
                  f"{event.agency_id}, on {event.occurred_on}: {event.description} (recorded by {event.recorded_by}; "
                  f"evidence: {'; '.join(event.evidence)})")
    return Violation(Article(event.article), event.entity_id, event.impediment_id, allegation,
                     as_utc(event.recorded_at), event.compliance_year)


def shortfall(event: ShortfallDetected, uow: EnforcementUnitOfWork) -> Violation | None:
    if event.shortfall < 1:
        return None
    key = m39_key(event.entity_id, event.compliance_year)
    uow.cases.serialize(event.entity_id, event.compliance_year)
    first = uow.cases.find(case_id_for(Article.M39, key))
    if first is not None and first.complied_at is not None and as_utc(event.detected_at) > first.complied_at:
        # made good, then a raised determination and its own surrender period passed: a new violation
        key = f"{key}-r{event.determination_revision or regulatory_date(event.detected_at).isoformat()}"
    return Violation(Article.M39, event.entity_id, key, "", as_utc(event.detected_at), event.compliance_year,
                     event.shortfall)


AGENCY_VIOLATIONS = {"false_report": "false or untrue verification report (出具虚假、不实核查报告)",
                     "major_error": "major error in a verification report (核查报告存在重大错误)",
                     "data_misuse": "unauthorised use or disclosure of the verified entity's data "
                                    "(擅自使用或者发布被核查单位的信息)"}


def agency_violation(event: AgencyViolationFound, _uow: EnforcementUnitOfWork) -> Violation:
    about = f" at {event.entity_id}" if event.entity_id else ""
    allegation = (f"{AGENCY_VIOLATIONS[event.violation]}{about}, {event.compliance_year} verification work: "
                  f"{event.description} (finding {event.finding_id}, item {event.item_code}; evidence: "
                  f"{'; '.join(event.evidence)})")
    return Violation(Article.M41, event.agency_id, event.finding_id, allegation, as_utc(event.found_at),
                     event.compliance_year)


VIOLATION_FINDERS: dict[type, Finder] = {
    EmissionReportMissing: report_missing,
    MonitoringPlanMissing: plan_missing,
    VerificationImpeded: verification_impeded,
    ShortfallDetected: shortfall,
    AgencyViolationFound: agency_violation,
    TradingDayOpened: trading_day_opened,
    MarketDayReported: market_day_reported,
    FeeOutsideSchedule: fees_outside_schedule,
}


def shortfall_case(event: ShortfallDetected) -> tuple[str, str, int]:
    """The first M-39 case of the entity-year (a later one, after it was made good, is found by `shortfall`)."""
    key = m39_key(event.entity_id, event.compliance_year)
    return case_id_for(Article.M39, key), event.entity_id, event.compliance_year


def report_missing_case(event: EmissionReportMissing) -> tuple[str, str, int]:
    key = m37_key(event.entity_id, event.compliance_year, REPORT)
    return case_id_for(Article.M37, key), event.entity_id, event.compliance_year


def plan_missing_case(event: MonitoringPlanMissing) -> tuple[str, str, int]:
    key = m37_key(event.entity_id, event.compliance_year, PLAN)
    return case_id_for(Article.M37, key), event.entity_id, event.compliance_year


CASE_READ_AHEAD: dict[type, CaseOf] = {
    ShortfallDetected: shortfall_case,
    EmissionReportMissing: report_missing_case,
    MonitoringPlanMissing: plan_missing_case,
}


def open_case_for(uow: EnforcementUnitOfWork, violation: Violation) -> PenaltyCase | None:
    """Open the violation's case with its order, unless it has one."""
    if violation.compliance_year is not None:
        uow.cases.serialize(violation.party_id, violation.compliance_year)
    if uow.cases.find(violation.case_id) is not None:
        return None
    at = max(uow.now(), violation.found_at)  # the case opens when the violation is known here
    policy = policy_for(uow.session, violation.compliance_year or regulatory_date(at).year)
    actor = uow.context.actor
    case = PenaltyCase.open(violation.case_id, violation, at, actor, source=CaseSource.EVENT,
                            correlation_id=uow.context.correlation_id, policy=policy,
                            source_ref=uow.context.causation_id or violation.case_id)
    case.issue_order(at, actor, policy)
    record(uow, case, policy, list(case.history))
    return case


def opens_case(find: Finder, case_of: CaseOf | None = None) -> Callable[[Any, EnforcementUnitOfWork], None]:
    """The consumer of a violation's event; with `case_of`, a consumed batch reads ahead which cases are new."""
    def on_violation(event: Any, uow: EnforcementUnitOfWork) -> None:
        found = find(event, uow)
        for violation in found if isinstance(found, list) else [found] if found is not None else []:
            open_case_for(uow, violation)

    on_violation.__doc__ = (f"Opens the case of the violation this event reports ({find.__name__.replace('_', ' ')}),"
                            " with its order; never a second case for the same violation.")
    if case_of is None:
        return on_violation

    def read_cases_ahead(events: Sequence[Any], uow: EnforcementUnitOfWork) -> None:
        uow.cases.read_ahead_absent([case_of(e) for e in events])

    return reads_ahead(read_cases_ahead)(on_violation)
