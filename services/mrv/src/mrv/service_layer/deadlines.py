"""What a tick finds at the deadlines of M-11, M-12, M-13 and M-15 (each once, and each an event carrying the
entity-year's correlation id):

- M-11: a covered entity owing a plan for year Y (covered during Y-1) with none by 31 Dec of Y-1 →
  `monitoring-plan.missing` (a plan case is opened for it, with a new correlation id);
- M-12: a covered or reporting-only emitter with no report for Y by 31 Mar of Y+1 → `report.missing` (a report case
  without a report is opened, with a new correlation id: the authority may determine it, a late report joins it);
- M-18: an exiting entity with no report for its exit year by its own due day → `report.missing` (`exit_report`),
  under the exit's correlation id;
- M-13: a covered entity's report for Y without a verification by 30 Apr of Y+1 → `verification.missing`;
- M-15 / M-43: a determination not made by its due date → `determination.overdue` (once per due date).

The years examined run from the earliest first compliance year of any entity to the current one, each against its
own policy's dates, so a missed tick is caught up by the next one."""
from __future__ import annotations

import uuid
from datetime import datetime

from ets_shared.clock import regulatory_date
from mrv.adapters.repository import report_id_of
from mrv.domain.monitoring import MonitoringPlan
from mrv.domain.policy import missing_from
from mrv.domain.report_case import ReportCase
from ets_shared.persistence.policy import PolicyCache
from mrv.service_layer.publishing import determination_overdue, plan_missing, report_missing, verification_missing
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def check_deadlines(uow: MrvUnitOfWork, now: datetime, policy_of: PolicyCache) -> None:
    earliest = uow.entities.earliest_first_year()
    if earliest is not None:
        for year in range(earliest, regulatory_date(now).year + 2):
            policy = policy_of(year)
            if now >= missing_from(policy.monitoring_plan_due):
                _missing_plans(uow, year, now, policy_of)
            if now >= missing_from(policy.report_due):
                _missing_reports(uow, year, now, policy_of)
            if now >= missing_from(policy.verification_due):
                _missing_verifications(uow, year, now, policy_of)
    _missing_exit_reports(uow, now, policy_of)
    _overdue_determinations(uow, now, policy_of)


def _missing_plans(uow: MrvUnitOfWork, year: int, now: datetime, policy_of: PolicyCache) -> None:
    policy = policy_of(year)
    missing = [plan for plan in (MonitoringPlan(entity_id, year, str(uuid.uuid4()))  # each a new compliance case
                                 for entity_id in uow.plans.owing(year)) if plan.flag_missing(now, policy)]
    uow.plans.add_missing(missing)  # one INSERT for the year's, however many
    for plan in missing:
        uow.publish(plan_missing(plan, policy.monitoring_plan_due))


def _missing_reports(uow: MrvUnitOfWork, year: int, now: datetime, policy_of: PolicyCache) -> None:
    policy = policy_of(year)
    for entity_id, covered in uow.reports.without_report(year):
        case = ReportCase(entity_id, year, str(uuid.uuid4()), covered=covered)  # a new compliance case
        if case.flag_report_missing(now, policy):
            report_id = report_id_of(case)
            uow.reports.add(report_id, case)
            uow.publish(report_missing(report_id, case, policy.report_due))


def _missing_exit_reports(uow: MrvUnitOfWork, now: datetime, policy_of: PolicyCache) -> None:
    """M-18: an exiting entity's report not filed by its own due day (15 days after the exit)."""
    for case in uow.reports.exit_reports_missing(regulatory_date(now)):
        policy = policy_of(case.year)
        if case.flag_report_missing(now, policy):
            report_id = report_id_of(case)
            uow.reports.save(case, auto_determine_at=None, report_id=report_id)
            uow.publish(report_missing(report_id, case, case.report_due(policy)))


def _missing_verifications(uow: MrvUnitOfWork, year: int, now: datetime, policy_of: PolicyCache) -> None:
    policy = policy_of(year)
    for case in uow.reports.unverified(year):
        if case.flag_verification_missing(now, policy):
            assert case.report is not None
            report_id = case.report.report_id
            uow.reports.save(case, auto_determine_at=None)
            uow.publish(verification_missing(report_id, case, policy.verification_due))


def _overdue_determinations(uow: MrvUnitOfWork, now: datetime, policy_of: PolicyCache) -> None:
    for case in uow.reports.overdue(regulatory_date(now)):
        due = case.flag_overdue(now)
        if due is None:
            continue
        report_id = report_id_of(case)
        uow.reports.save(case, auto_determine_at=case.auto_determination_at(policy_of(case.year)),
                         report_id=report_id)
        uow.publish(determination_overdue(report_id, case, due, now))
