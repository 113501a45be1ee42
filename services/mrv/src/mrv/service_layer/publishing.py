"""The mrv's published events, built from a case (ets_shared.contracts.mrv).

Every EmissionsDetermined carries the correlation id of the report's submission, whoever or whatever caused it (a
tick, the authority), so one compliance case is traceable from the report through allocation and enforcement.
"""
from __future__ import annotations

from typing import Iterable

from ets_shared.contracts.mrv import EmissionReportSubmitted, EmissionsDetermined, RecheckOpened, VerificationFiled
from mrv.domain.recheck import RecheckTrigger
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import Determination, Recheck
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def trigger_codes(triggers: Iterable[RecheckTrigger]) -> list[str]:
    """The distinct trigger codes, in the order they were first recorded."""
    return list(dict.fromkeys(t.code.value for t in triggers))


def report_submitted(case: ReportCase) -> EmissionReportSubmitted:
    """Also for an amendment: `submitted_at` and `late` stay those of the first submission (M-12)."""
    report = case.report
    assert report is not None
    return EmissionReportSubmitted(
        report_id=report.report_id, entity_id=case.entity_id, compliance_year=case.year,
        reported_emissions=report.emissions, factor_set_id=report.breakdown.factor_set_id, late=report.late,
        submitted_at=report.submitted_at)


def verification_filed(case: ReportCase) -> VerificationFiled:
    v = case.verification
    assert v is not None
    return VerificationFiled(
        verification_id=v.verification_id, report_id=v.report_id, entity_id=case.entity_id,
        compliance_year=case.year, agency_id=v.agency_id, verifier_id=v.verifier_id, verified_emissions=v.emissions,
        late=v.late, filed_at=v.submitted_at)


def recheck_opened(case: ReportCase, recheck: Recheck) -> RecheckOpened:
    assert case.report is not None
    return RecheckOpened(entity_id=case.entity_id, compliance_year=case.year, report_id=case.report.report_id,
                         triggers=trigger_codes(recheck.triggers), opened_at=recheck.opened_at)


def publish_determined(uow: MrvUnitOfWork, case: ReportCase, determination: Determination) -> None:
    """Publish EmissionsDetermined under the correlation id stored with the report's submission."""
    assert case.report is not None and case.verification is not None
    event = EmissionsDetermined(
        determination_id=determination.determination_id, entity_id=case.entity_id, compliance_year=case.year,
        determined_emissions=determination.emissions, basis=determination.basis.value,
        triggers=trigger_codes(determination.triggers), revision=determination.revision,
        reported_emissions=case.report.emissions, verified_emissions=case.verification.emissions,
        agency_id=case.verification.agency_id, determined_at=determination.determined_at)
    uow.publish(event, correlation_id=uow.reports.correlation_id(case.report.report_id))
