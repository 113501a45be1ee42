"""M-18: an exiting entity's report not filed within 15 days of its exit opens the M-37 case (the refusal to
report), its allegation naming M-18 and the exit report's due day; the same case a late report corrects."""
from __future__ import annotations

from datetime import date, datetime, timezone

from ets_shared.contracts.mrv import EmissionReportMissing
from enforcement.domain import Article
from enforcement.service_layer.violations import VIOLATION_FINDERS, m37_key


def _missing(exit_report: bool) -> EmissionReportMissing:
    return EmissionReportMissing(report_id="RPT-E-7-2026", entity_id="E-7", compliance_year=2026, covered=True,
                                 due_on=date(2026, 9, 25), found_at=datetime(2026, 9, 25, 16, tzinfo=timezone.utc),
                                 exit_report=exit_report)


def test_m18_exit_report_missing_the_day_after_opens_the_m37_case_naming_m18():
    violation = VIOLATION_FINDERS[EmissionReportMissing](_missing(True), None)
    assert (violation.article, violation.party_id, violation.key) == (Article.M37, "E-7", m37_key("E-7", 2026,
                                                                                                  "report"))
    assert "M-18" in violation.allegation and "2026-09-25" in violation.allegation
    annual = VIOLATION_FINDERS[EmissionReportMissing](_missing(False), None)
    assert "M-18" not in annual.allegation and annual.case_id == violation.case_id
