"""The mrv's published events, built from a case or a monitoring plan (ets_shared.contracts.mrv).

Every event about an entity-year carries that case's correlation id — of the report's submission, or, for a case
found without a report, the one it was given then — whoever or whatever caused it (a tick, the authority, a late
report), so one compliance case is traceable from the report (or its absence) through allocation and enforcement.
A determination is published as v2 (every basis, with its recipients) and, where it rests on a verification, also as
v1 for the consumers of that version.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, get_args

from ets_shared.contracts.base import one_of
from ets_shared.contracts.mrv import (
    DeterminationOverdue, EmissionReportMissing, EmissionReportSubmitted, EmissionsDetermined,
    EmissionsDeterminedV2, MonitoringPlanFiled, MonitoringPlanMissing, RecheckOpened, VerificationFiled,
    VerificationMissing, Trigger,
)
from mrv.domain.monitoring import MonitoringPlan
from mrv.domain.policy import MrvPolicy
from mrv.domain.recheck import RecheckTrigger
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import Determination, Recheck
from mrv.service_layer.unit_of_work import MrvUnitOfWork


_TRIGGERS: tuple[Trigger, ...] = get_args(Trigger)


def trigger_codes(triggers: Iterable[RecheckTrigger]) -> list[str]:
    """The distinct trigger codes, in the order they were first recorded."""
    return list(dict.fromkeys(t.code.value for t in triggers))


def _contract_triggers(triggers: Iterable[RecheckTrigger]) -> list[Trigger]:
    return [one_of(code, _TRIGGERS, field="triggers") for code in trigger_codes(triggers)]


def report_submitted(case: ReportCase) -> EmissionReportSubmitted:
    """Also for an amendment: `submitted_at` and `late` stay those of the first submission (M-12)."""
    report = case.report
    assert report is not None
    return EmissionReportSubmitted(
        report_id=report.report_id, entity_id=case.entity_id, compliance_year=case.year,
        reported_emissions=report.emissions, factor_set_id=report.breakdown.factor_set_id, late=report.late,
        submitted_at=report.submitted_at, correlation_id=case.correlation_id)


def verification_filed(case: ReportCase) -> VerificationFiled:
    v = case.verification
    assert v is not None
    return VerificationFiled(
        verification_id=v.verification_id, report_id=v.report_id, entity_id=case.entity_id,
        compliance_year=case.year, agency_id=v.agency_id, verifier_id=v.verifier_id, verified_emissions=v.emissions,
        late=v.late, filed_at=v.submitted_at, correlation_id=case.correlation_id)


def recheck_opened(report_id: str, case: ReportCase, recheck: Recheck) -> RecheckOpened:
    return RecheckOpened(entity_id=case.entity_id, compliance_year=case.year, report_id=report_id,
                         triggers=_contract_triggers(recheck.triggers), opened_at=recheck.opened_at,
                         correlation_id=case.correlation_id)


def publish_determined(uow: MrvUnitOfWork, report_id: str, case: ReportCase, determination: Determination,
                       policy: MrvPolicy) -> None:
    """Publish the determination (v2; and v1 where it rests on a verification) under the case's correlation id,
    notified to the entity and copied to the year's departments (M-15 ¶1)."""
    correlation_id = case.correlation_id
    report, verification = case.report, case.verification
    previous = case.determinations[-2] if len(case.determinations) > 1 else None
    uow.publish(EmissionsDeterminedV2(
        determination_id=determination.determination_id, report_id=report_id, entity_id=case.entity_id,
        compliance_year=case.year, determined_emissions=determination.emissions, basis=determination.basis.value,
        triggers=_contract_triggers(determination.triggers), revision=determination.revision,
        supersedes=previous.determination_id if previous else None, reason=determination.reason,
        reported_emissions=report.emissions if report else None,
        verified_emissions=verification.emissions if verification else None,
        agency_id=verification.agency_id if verification else None, due_by=determination.due_by,
        late=determination.late, determined_at=determination.determined_at, notified_to=case.entity_id,
        copied_to=list(policy.determination_copied_to), correlation_id=correlation_id))
    if report is not None and verification is not None and determination.basis.value != "authority":
        uow.publish(EmissionsDetermined(
            determination_id=determination.determination_id, entity_id=case.entity_id, compliance_year=case.year,
            determined_emissions=determination.emissions,
            basis=one_of(determination.basis.value, ("verification", "recheck"), field="basis"),
            triggers=_contract_triggers(determination.triggers), revision=determination.revision,
            reported_emissions=report.emissions, verified_emissions=verification.emissions,
            agency_id=verification.agency_id, determined_at=determination.determined_at,
            correlation_id=correlation_id), audit=False)  # the v2 above recorded it


def report_missing(report_id: str, case: ReportCase, due_on: date) -> EmissionReportMissing:
    assert case.report_missing_at is not None
    return EmissionReportMissing(report_id=report_id, entity_id=case.entity_id, compliance_year=case.year,
                                 covered=case.covered, due_on=due_on, found_at=case.report_missing_at,
                                 exit_report=case.exit_report_due is not None, correlation_id=case.correlation_id)


def verification_missing(report_id: str, case: ReportCase, due_on: date) -> VerificationMissing:
    assert case.verification_missing_at is not None
    return VerificationMissing(report_id=report_id, entity_id=case.entity_id, compliance_year=case.year,
                               due_on=due_on, found_at=case.verification_missing_at,
                               correlation_id=case.correlation_id)


def determination_overdue(report_id: str, case: ReportCase, due_by: date, found_at) -> DeterminationOverdue:
    return DeterminationOverdue(report_id=report_id, entity_id=case.entity_id, compliance_year=case.year,
                                due_by=due_by, state=one_of(case.state.value, ("verified", "recheck"), field="state"),
                                found_at=found_at,
                                correlation_id=case.correlation_id)


def plan_filed(plan: MonitoringPlan) -> MonitoringPlanFiled:
    version = plan.current
    assert version is not None
    return MonitoringPlanFiled(plan_id=plan.plan_id, entity_id=plan.entity_id, compliance_year=plan.year,
                               version=version.version, major_change=version.major_change,
                               change_reason=version.change_reason, late=plan.late, filed_at=version.filed_at,
                               correlation_id=plan.correlation_id)


def plan_missing(plan: MonitoringPlan, due_on: date) -> MonitoringPlanMissing:
    assert plan.missing_at is not None
    return MonitoringPlanMissing(entity_id=plan.entity_id, compliance_year=plan.year, due_on=due_on,
                                 found_at=plan.missing_at, correlation_id=plan.correlation_id)
