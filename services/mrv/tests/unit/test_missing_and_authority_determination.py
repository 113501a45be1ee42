"""M-12, M-13 deadlines found missed; M-15 determination as the authority's act — of a verified figure, and of an
entity that never reported or was never verified — and the M-43 flag for a determination missed past its deadline.
Deadlines by Shanghai date: on the day is on time, the day after is missing."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.emissions import ActivitySource, SourceKind
from mrv.domain.policy import MrvPolicy
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import CaseState, DeterminationBasis
from mrv.domain.signatories import VerifierDirectory

YEAR = 2025
POLICY = MrvPolicy.default(YEAR)


def sh(*args):
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def process(tonnes):
    return [ActivitySource(SourceKind.PROCESS, Decimal(tonnes), "tCO2e", None, "kiln")]


def directory():
    d = VerifierDirectory()
    d.record_filing("AG-1", "FILED")
    d.record_selection("AG-1", YEAR)
    d.record_certificate("C-1", "V-1", "AG-1", YEAR)
    d.record_assignment("E-1", YEAR, "AG-1")
    return d


def missing_report(covered=True):
    case = ReportCase("E-1", YEAR, "case-E-1", covered=covered)
    assert case.flag_report_missing(sh(2026, 4, 1), POLICY)
    return case


def reported(at=sh(2026, 3, 20), covered=True):  # noqa: B008 - an immutable instant
    case = ReportCase("E-1", YEAR, "case-E-1")
    case.submit_report("RPT-E-1-2025", process(50_000), covered=covered, now=at, policy=POLICY)
    return case


def verified(received=sh(2026, 4, 10, 10)):  # noqa: B008 - an instant is immutable
    case = reported()
    case.file_verification("VER-1", "AG-1", "V-1", process(50_000), [], now=received, policy=POLICY,
                           directory=directory(), previous_year_determined=None)
    return case


# -- M-12: the report deadline ---------------------------------------------------------------------------------------

def test_m12_report_missing_from_1_april_not_on_31_march():
    case = ReportCase("E-1", YEAR, "case-E-1")
    assert not case.flag_report_missing(sh(2026, 3, 31, 23, 59, 59), POLICY)
    assert case.flag_report_missing(sh(2026, 4, 1), POLICY)
    assert case.report_missing_at == sh(2026, 4, 1) and case.state is CaseState.AWAITING_REPORT
    assert not case.flag_report_missing(sh(2026, 4, 2), POLICY)  # once


def test_m12_reported_case_is_never_missing():
    assert not reported().flag_report_missing(sh(2026, 4, 1), POLICY)


def test_m12_late_report_is_accepted_into_the_missing_case_and_flagged():
    case = missing_report()
    case.submit_report("RPT-E-1-2025", process(30_000), covered=True, now=sh(2026, 4, 20), policy=POLICY)
    assert case.state is CaseState.REPORTED and case.report.late and case.report_missing_at == sh(2026, 4, 1)


def test_m12_late_report_after_the_authoritys_determination_is_kept_and_the_determination_stands():
    case = missing_report()
    first = case.determine(40_000, "2025 energy statistics x SH-2022 factors", sh(2026, 5, 10), POLICY)
    case.submit_report("RPT-E-1-2025", process(30_000), covered=True, now=sh(2026, 5, 20), policy=POLICY)
    assert case.state is CaseState.DETERMINED and case.report.late and case.determination is first
    with pytest.raises(Conflict):
        case.submit_report("RPT-E-1-2025", process(1), covered=True, now=sh(2026, 5, 21), policy=POLICY)


# -- M-13: the verification deadline ---------------------------------------------------------------------------------

def test_m13_verification_missing_from_1_may_not_on_30_april():
    case = reported()
    assert not case.flag_verification_missing(sh(2026, 4, 30, 23, 59, 59), POLICY)
    assert case.flag_verification_missing(sh(2026, 5, 1), POLICY)
    assert not case.flag_verification_missing(sh(2026, 5, 2), POLICY)


def test_m13_no_verification_is_missing_for_a_reporting_only_emitter_or_a_verified_report():
    assert not reported(covered=False).flag_verification_missing(sh(2026, 5, 1), POLICY)
    assert not verified().flag_verification_missing(sh(2026, 5, 1), POLICY)


# -- M-15: the authority's act -------------------------------------------------------------------------------------

def test_m15_determination_is_the_authoritys_act_by_default():
    case = verified()
    assert case.determine_due(sh(2026, 6, 30), POLICY) is None and case.state is CaseState.VERIFIED
    assert case.auto_determination_at(POLICY) is None


def test_m15_authority_determines_the_verified_figure_once_the_objection_period_has_passed():
    case = verified(received=sh(2026, 4, 10, 10))
    with pytest.raises(Conflict) as err:
        case.determine(None, None, sh(2026, 4, 17, 9, 59, 59), POLICY)
    assert err.value.article == "M-15" and case.state is CaseState.VERIFIED
    d = case.determine(50_000, None, sh(2026, 4, 17, 10), POLICY)
    assert (d.basis, d.emissions, d.due_by, d.late) == (DeterminationBasis.VERIFICATION, 50_000, date(2026, 5, 10),
                                                        False)


def test_m15_another_figure_than_the_verified_one_needs_a_recheck():
    with pytest.raises(RuleViolation) as err:
        verified().determine(49_999, "lower", sh(2026, 4, 20), POLICY)
    assert err.value.field == "emissions"


def test_m15_authority_determines_an_entity_that_never_reported_from_its_own_figure_and_basis():
    case = missing_report()
    d = case.determine(62_000, " 2025 energy statistics x SH-2022 factors ", sh(2026, 5, 10), POLICY)
    assert (d.basis, d.emissions, d.reason, d.due_by, d.late, d.revision) == (
        DeterminationBasis.AUTHORITY, 62_000, "2025 energy statistics x SH-2022 factors", None, False, 1)
    assert case.state is CaseState.DETERMINED


def test_m15_authority_determines_a_report_never_verified_only_once_the_deadline_found_it_missing():
    case = reported()
    with pytest.raises(Conflict):
        case.determine(50_000, "reported figure, verification never arrived", sh(2026, 4, 30), POLICY)
    case.flag_verification_missing(sh(2026, 5, 1), POLICY)
    d = case.determine(55_000, "reported figure + 10% prudence margin", sh(2026, 5, 5), POLICY)
    assert d.basis is DeterminationBasis.AUTHORITY and d.emissions == 55_000


@pytest.mark.parametrize("emissions, basis, field", [(None, "basis", "emissions"), (-1, "basis", "emissions"),
                                                     (10, " ", "reason"), (10, None, "reason")])
def test_m15_authority_figure_needs_whole_tonnes_and_a_stated_basis(emissions, basis, field):
    case = missing_report()
    with pytest.raises(RuleViolation) as err:
        case.determine(emissions, basis, sh(2026, 5, 10), POLICY)
    assert err.value.field == field and case.state is CaseState.AWAITING_REPORT


def test_m15_reporting_only_emitter_is_never_determined():
    with pytest.raises(RuleViolation):
        missing_report(covered=False).determine(12_000, "statistics", sh(2026, 5, 10), POLICY)


def test_m15_an_authority_figure_is_corrected_by_a_recheck_with_the_next_revision():
    case = missing_report()
    case.determine(62_000, "statistics", sh(2026, 5, 10), POLICY)
    case.open_recheck("late report shows lower fuel use", sh(2026, 7, 1), POLICY)
    d = case.determine(58_000, "late report checked on site", sh(2026, 7, 10), POLICY)
    assert (d.revision, d.basis, d.due_by) == (2, DeterminationBasis.RECHECK, date(2026, 7, 31))


# -- M-15 ¶1 / M-43: a determination missed past its deadline ----------------------------------------------------------

def test_m43_determination_overdue_the_day_after_its_due_date_once_per_period():
    case = verified(received=sh(2026, 4, 10, 10))  # due by 10 May
    assert case.decision_due_by == date(2026, 5, 10)
    assert case.flag_overdue(sh(2026, 5, 10, 23, 59, 59)) is None
    assert case.flag_overdue(sh(2026, 5, 11)) == date(2026, 5, 10)
    assert case.flag_overdue(sh(2026, 5, 12)) is None
    case.open_recheck("site visit", sh(2026, 5, 12), POLICY)  # joins: the same period
    assert case.decision_due_by == date(2026, 5, 10) and case.flag_overdue(sh(2026, 5, 13)) is None
    late = case.determine(50_500, "re-checked", sh(2026, 5, 20), POLICY)
    assert late.late and case.decision_due_by is None
    case.open_recheck("correction", sh(2026, 6, 1), POLICY)  # a new period: 1 July
    assert case.flag_overdue(sh(2026, 7, 2)) == date(2026, 7, 1)


def test_m15_objection_with_evidence_is_possible_until_the_determination_is_made():
    case = verified(received=sh(2026, 4, 10, 10))
    case.object(["metering records"], sh(2026, 5, 9))  # after the objection period, before any determination
    assert case.state is CaseState.RECHECK
    case.determine(49_000, "meters re-read", sh(2026, 5, 10), POLICY)
    with pytest.raises(Conflict):
        case.object(["more records"], sh(2026, 5, 11))
