"""M-37 cases opened by themselves from mrv's findings, and the M-39 case following a revised shortfall.

- `report.missing` of a covered entity (M-12: no report by 31 March) opens `CASE-M37-{entity}-{year}-report`, and
  `monitoring-plan.missing` (M-11: no plan by 31 December) opens `CASE-M37-{entity}-{year}-monitoring-plan`, each
  with an order to correct by the policy's deadline (责令限期改正); the same finding never opens two cases.
  A reporting-only emitter's missing report opens none: the seed's M-37 punishes "纳入配额管理的单位" only.
- The late report (or plan) is the correction: `report.submitted` / `monitoring-plan.filed` marked late records it
  on the open case — in time, the case closes without a fine; after the order's deadline the fine is due (M-37:
  "逾期未改正的,处以…罚款").
- `obligation.shortfall-revised` (a revised determination of an entity in shortfall) moves the M-39 case's
  outstanding tonnes to the registry's new figure.
A fact never arrives before its case: a producer's events are applied in the order it published them (the missing
finding before the late report, the shortfall before its revision), so a correction or revision without its case
changes nothing. The handlers of one entity-year take turns (`CaseRepository.serialize`) with an officer's request
on the same case. Every event of a case carries the finding's correlation id, the causing event as causation."""
from __future__ import annotations

from datetime import date, datetime

from ets_shared.clock import as_utc
from ets_shared.contracts.allocation import ShortfallRevised
from ets_shared.contracts.mrv import (
    EmissionReportMissing, EmissionReportSubmitted, MonitoringPlanFiled, MonitoringPlanMissing,
)
from enforcement.domain import Article, CaseSource, issue_order, open_case, record_correction, revise_shortfall
from enforcement.service_layer.handlers import instant, m39_case_id, policy_for, policy_year, record
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

REPORT, PLAN = "report", "monitoring-plan"
_DUTY = {REPORT: "emission report (M-12)", PLAN: "monitoring plan (M-11)"}


def m37_case_id(entity_id: str, compliance_year: int, duty: str) -> str:
    """One M-37 case per entity, year and duty (the report, the monitoring plan), whoever opens it."""
    return f"CASE-M37-{entity_id}-{compliance_year}-{duty}"


def _open_m37(uow: EnforcementUnitOfWork, entity_id: str, year: int, duty: str, due_on: date,
              found_at: datetime) -> None:
    case_id = m37_case_id(entity_id, year, duty)
    uow.cases.serialize(entity_id, year)
    if uow.cases.find(case_id) is not None:
        return
    at = max(uow.now(), as_utc(found_at))
    policy, actor = policy_for(uow.session, year), uow.context.actor
    allegation = (f"no {_DUTY[duty]} for {year} by {due_on}: refusal to fulfil the reporting duty"
                  + (" (M-11 plan, the basis of the M-12 report)" if duty == PLAN else ""))
    case = open_case(case_id, Article.M37, entity_id, at, actor, source=CaseSource.EVENT,
                     source_ref=uow.context.causation_id or case_id, allegation=allegation, compliance_year=year,
                     policy=policy)
    issue_order(case, at, actor, policy=policy)
    record(uow, case, policy, list(case.history))


def _corrected(uow: EnforcementUnitOfWork, entity_id: str, year: int, duty: str, filed_at: datetime) -> None:
    uow.cases.serialize(entity_id, year)
    case = uow.cases.find(m37_case_id(entity_id, year, duty))
    if case is None:  # found in time: no case was opened
        return
    if case.is_closed or case.complied_at is not None:
        return
    policy = policy_for(uow.session, policy_year(case))
    steps = record_correction(case, instant(uow, case, at=as_utc(filed_at)), uow.context.actor,
                              f"{_DUTY[duty]} filed late on {as_utc(filed_at).isoformat()}", policy)
    record(uow, case, policy, steps)


def on_report_missing(event: EmissionReportMissing, uow: EnforcementUnitOfWork) -> None:
    """M-37: a covered entity without its report at the deadline — a case with an order to correct; a
    reporting-only emitter's is recorded in the audit trail only (M-37 punishes covered entities)."""
    if not event.covered:
        uow.audit("enforcement.report-missing.not-covered", f"entity:{event.entity_id}", event)
        return
    _open_m37(uow, event.entity_id, event.compliance_year, REPORT, event.due_on, event.found_at)


def on_monitoring_plan_missing(event: MonitoringPlanMissing, uow: EnforcementUnitOfWork) -> None:
    """M-37 (M-11): a covered entity without its monitoring plan at the deadline — a case with an order to correct."""
    _open_m37(uow, event.entity_id, event.compliance_year, PLAN, event.due_on, event.found_at)


def on_report_submitted(event: EmissionReportSubmitted, uow: EnforcementUnitOfWork) -> None:
    """M-37: a late report corrects the missing-report case (on time: there is none)."""
    if event.late:
        _corrected(uow, event.entity_id, event.compliance_year, REPORT, event.submitted_at)


def on_monitoring_plan_filed(event: MonitoringPlanFiled, uow: EnforcementUnitOfWork) -> None:
    """M-37 (M-11): a late monitoring plan corrects the missing-plan case."""
    if event.late and event.version == 1:
        _corrected(uow, event.entity_id, event.compliance_year, PLAN, event.filed_at)


def on_shortfall_revised(event: ShortfallRevised, uow: EnforcementUnitOfWork) -> None:
    """M-39: the case follows the revised shortfall (more or less outstanding)."""
    uow.cases.serialize(event.entity_id, event.compliance_year)
    case = uow.cases.find(m39_case_id(event.entity_id, event.compliance_year))
    if case is None:
        return
    if case.is_closed or case.complied_at is not None or case.outstanding_tonnes == event.shortfall:
        return
    policy = policy_for(uow.session, policy_year(case))
    steps = revise_shortfall(case, instant(uow, case, at=as_utc(event.revised_at)), uow.context.actor,
                             event.shortfall, policy)
    record(uow, case, policy, steps)
