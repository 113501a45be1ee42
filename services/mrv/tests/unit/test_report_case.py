"""The compliance-year lifecycle: M-12 report, M-13 verification, V signatory, M-15 objection/re-check/determination."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import Conflict, Forbidden, RuleViolation

from mrv.domain.emissions import ActivitySource, SourceKind
from mrv.domain.factors import FactorSet
from mrv.domain.policy import MrvPolicy
from mrv.domain.recheck import TriggerCode
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import CaseState, DeterminationBasis
from mrv.domain.signatories import VerifierDirectory

YEAR = 2023
POLICY = MrvPolicy.default(YEAR)
AUTO = MrvPolicy(year=YEAR, automatic_determination=True)  # the per-year option of determining by itself


def sh(*args):
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def process(tonnes):
    return [ActivitySource(SourceKind.PROCESS, Decimal(tonnes), "tCO2e", None, "kiln")]


@pytest.fixture
def directory():
    d = VerifierDirectory()
    d.record_filing("AG-1", "FILED")
    d.record_selection("AG-1", YEAR)
    d.record_certificate("C-1", "V-1", "AG-1", YEAR)
    d.record_assignment("E-1", YEAR, "AG-1")
    return d


def reported(tonnes=10_000, *, at=sh(2024, 3, 1, 10), covered=True, policy=POLICY):  # noqa: B008 - immutable
    case = ReportCase("E-1", YEAR, "case-E-1")
    case.submit_report("R-1", process(tonnes), covered=covered, now=at, policy=policy)
    return case


def verify(case, directory, tonnes=10_000, *, at=sh(2024, 4, 10, 10), previous=None,  # noqa: B008 - immutable
           policy=POLICY):
    return case.file_verification("VF-1", "AG-1", "V-1", process(tonnes), ["ok"], now=at, policy=policy,
                                  directory=directory, previous_year_determined=previous)


def trigger_codes(case):
    return [t.code for t in case.rechecks[-1].triggers]


# -- M-12 report --------------------------------------------------------------------------------------------------

def test_m12_report_computes_emissions_with_the_years_factor_set():
    case = ReportCase("E-1", YEAR, "case-E-1")
    report = case.submit_report("R-1", [ActivitySource(SourceKind.ELECTRICITY, Decimal(100), "10^4 kWh")],
                                covered=True, now=sh(2024, 3, 1), policy=POLICY)
    assert case.state is CaseState.REPORTED
    assert report.emissions == 420 and report.breakdown.factor_set_id == "SH-2022"
    assert (report.entity_id, report.year, report.covered, report.late) == ("E-1", YEAR, True, False)


def test_m12_report_due_31_march_on_time_and_1_april_late():
    assert reported(at=sh(2024, 3, 31, 23, 59)).report.late is False
    assert reported(at=sh(2024, 4, 1, 0, 0)).report.late is True


def test_m12_late_report_is_still_accepted():
    case = reported(at=sh(2024, 6, 1))
    assert case.state is CaseState.REPORTED and case.report.late


def test_m12_report_for_year_only_after_the_year_ends():
    case = ReportCase("E-1", YEAR, "case-E-1")
    with pytest.raises(RuleViolation) as err:
        case.submit_report("R-1", process(1), covered=True, now=sh(2023, 12, 31, 23, 59), policy=POLICY)
    assert err.value.field == "year" and err.value.article == "M-12"
    case.submit_report("R-1", process(1), covered=True, now=sh(2024, 1, 1, 0, 0), policy=POLICY)


def test_m12_second_report_for_the_same_year_conflicts():
    case = reported()
    with pytest.raises(Conflict):
        case.submit_report("R-2", process(1), covered=True, now=sh(2024, 3, 2), policy=POLICY)


def test_m12_invalid_source_is_named_and_nothing_is_recorded():
    case = ReportCase("E-1", YEAR, "case-E-1")
    bad = process(1) + [ActivitySource(SourceKind.FUEL, Decimal(1), "t", "unobtainium")]
    with pytest.raises(RuleViolation) as err:
        case.submit_report("R-1", bad, covered=True, now=sh(2024, 3, 1), policy=POLICY)
    assert err.value.field == "sources[1].fuel"
    assert case.state is CaseState.AWAITING_REPORT and case.report is None


def test_m12_report_may_be_amended_until_a_verification_is_filed(directory):
    case = reported(10_000)
    amended = case.amend_report(process(10_500), now=sh(2024, 4, 2))
    assert amended.emissions == 10_500 and amended.report_id == "R-1"
    assert amended.late is False and amended.amended_at == sh(2024, 4, 2)  # lateness of the first submission
    verify(case, directory, 10_500)
    with pytest.raises(Conflict):
        case.amend_report(process(10_000), now=sh(2024, 4, 20))


def test_m12_amendment_keeps_the_reports_factor_set():
    case = reported(policy=MrvPolicy(year=YEAR, factor_set_id="SH-2012"))
    elec = [ActivitySource(SourceKind.ELECTRICITY, Decimal(1), "10^4 kWh")]
    assert case.amend_report(elec, now=sh(2024, 3, 5)).breakdown.total == Decimal("7.88")


def test_m12_nothing_to_amend_before_a_report():
    with pytest.raises(Conflict):
        ReportCase("E-1", YEAR, "case-E-1").amend_report(process(1), now=sh(2024, 3, 5))


def test_m13_reporting_only_emitter_is_not_verified(directory):
    case = reported(covered=False)
    with pytest.raises(RuleViolation) as err:
        verify(case, directory)
    assert err.value.article == "M-13" and case.state is CaseState.REPORTED


# -- M-13 verification and V signatory ----------------------------------------------------------------------------

def test_m13_verification_due_30_april_on_time_and_1_may_late(directory):
    assert verify(reported(), directory, at=sh(2024, 4, 30, 23, 59)).late is False
    assert verify(reported(), directory, at=sh(2024, 5, 1, 0, 0)).late is True


def test_m13_verification_recorded_with_signatory_certificate(directory):
    case = reported()
    v = verify(case, directory)
    assert (v.report_id, v.agency_id, v.verifier_id, v.certificate_no) == ("R-1", "AG-1", "V-1", "C-1")
    assert v.findings == ("ok",) and v.emissions == 10_000 and case.state is CaseState.VERIFIED


def test_m13_verification_needs_a_report(directory):
    with pytest.raises(Conflict):
        verify(ReportCase("E-1", YEAR, "case-E-1"), directory)


def test_m13_only_one_verification_per_report(directory):
    case = reported()
    verify(case, directory)
    with pytest.raises(Conflict):
        verify(case, directory)


def test_m13_verified_sources_errors_name_the_verified_field(directory):
    case = reported()
    with pytest.raises(RuleViolation) as err:
        case.file_verification("VF-1", "AG-1", "V-1", [ActivitySource(SourceKind.HEAT, Decimal(-1), "GJ")], [],
                               now=sh(2024, 4, 10), policy=POLICY, directory=directory, previous_year_determined=None)
    assert err.value.field == "verified_sources[0].quantity"


def test_m13_verification_uses_the_reports_factor_set(directory):
    case = reported(policy=MrvPolicy(year=YEAR, factor_set_id="SH-2012"))
    v = case.file_verification("VF-1", "AG-1", "V-1", [ActivitySource(SourceKind.HEAT, Decimal(100), "GJ")], [],
                               now=sh(2024, 4, 10), policy=POLICY, directory=directory, previous_year_determined=None)
    assert v.breakdown.factor_set_id == "SH-2012" and v.breakdown.total == Decimal("11.00")


def test_v_verification_by_unqualified_signatory_refused(directory):
    case = reported()
    with pytest.raises(Forbidden) as err:
        case.file_verification("VF-1", "AG-1", "V-9", process(10_000), [], now=sh(2024, 4, 10), policy=POLICY,
                               directory=directory, previous_year_determined=None)
    assert err.value.article == "V" and err.value.field == "verifier_id"
    assert case.state is CaseState.REPORTED and case.verification is None


def test_m13_verification_only_by_the_agency_assigned_to_the_entity(directory):
    directory.record_assignment("E-1", YEAR, "AG-2")
    case = reported()
    with pytest.raises(Forbidden) as err:
        verify(case, directory)
    assert (err.value.article, err.value.field) == ("M-13", "agency_id")
    assert "assigned to agency AG-2" in err.value.detail
    assert case.state is CaseState.REPORTED and case.verification is None


def test_v_blacklisted_agency_cannot_file(directory):
    directory.record_blacklisting("AG-1", YEAR, YEAR + 4)
    with pytest.raises(Forbidden):
        verify(reported(), directory)


# -- M-15 ¶2 triggers at filing -----------------------------------------------------------------------------------

def test_m15_recheck_when_report_and_verification_differ_10pct(directory):
    case = reported(11_000)
    verify(case, directory, 10_000)  # 10% of the verified figure
    assert case.state is CaseState.RECHECK and trigger_codes(case) == [TriggerCode.DISCREPANCY]
    case = reported(10_999)
    verify(case, directory, 10_000)  # 9.99%
    assert case.state is CaseState.VERIFIED


def test_m15_recheck_when_report_and_verification_differ_100000_tonnes(directory):
    case = reported(2_100_000)
    verify(case, directory, 2_000_000)
    assert trigger_codes(case) == [TriggerCode.DISCREPANCY]
    case = reported(2_099_999)
    verify(case, directory, 2_000_000)
    assert case.state is CaseState.VERIFIED


def test_m15_recheck_when_year_on_year_differs_20pct(directory):
    case = reported(12_000)
    verify(case, directory, 12_000, previous=10_000)
    assert trigger_codes(case) == [TriggerCode.YEAR_ON_YEAR]
    case = reported(11_990)
    verify(case, directory, 11_990, previous=10_000)  # 19.9%
    assert case.state is CaseState.VERIFIED


def test_m15_recheck_at_filing_is_due_30_days_after_receipt(directory):
    case = reported(20_000)
    verify(case, directory, 10_000, at=sh(2024, 4, 10, 9))
    assert case.rechecks[-1].due_by == date(2024, 5, 10) == case.determination_due_by


def test_m15_open_recheck_is_never_auto_determined(directory):
    case = reported(20_000)
    verify(case, directory, 10_000)
    assert case.determine_due(sh(2024, 6, 30), POLICY) is None and case.state is CaseState.RECHECK


# -- M-15 ¶1 determination from the verified figure ----------------------------------------------------------------

def test_m15_auto_determination_after_objection_period(directory):
    case = reported(10_050)
    received = sh(2024, 4, 10, 10)
    verify(case, directory, 10_000, at=received)
    assert case.determine_due(received + timedelta(days=7) - timedelta(seconds=1), AUTO) is None
    d = case.determine_due(received + timedelta(days=7), AUTO)
    assert case.state is CaseState.DETERMINED
    assert (d.emissions, d.basis, d.triggers, d.revision) == (10_000, DeterminationBasis.VERIFICATION, (), 1)
    assert d.due_by == date(2024, 5, 10) and not d.late
    assert d.determination_id == "DET-E-1-2023-r1"
    assert case.determine_due(received + timedelta(days=8), AUTO) is None  # idempotent: already determined


def test_m15_auto_determination_instant_only_while_verified(directory):
    case = reported(10_000)
    assert case.auto_determination_at(AUTO) is None
    verify(case, directory, 10_000, at=sh(2024, 4, 10, 10))
    assert case.auto_determination_at(AUTO) == sh(2024, 4, 17, 10)
    assert case.auto_determination_at(POLICY) is None  # without the option the authority determines
    assert case.auto_determination_at(MrvPolicy(year=YEAR, objection_period_days=0, automatic_determination=True)) \
        == sh(2024, 4, 10, 10)
    case.object(["meter calibration certificate"], sh(2024, 4, 12))
    assert case.auto_determination_at(AUTO) is None


def test_m15_objection_period_zero_determines_at_once(directory):
    policy = MrvPolicy(year=YEAR, objection_period_days=0, automatic_determination=True)
    case = reported()
    verify(case, directory, at=sh(2024, 4, 10), policy=policy)
    assert case.determine_due(sh(2024, 4, 10), policy, determination_id="D-9").determination_id == "D-9"


def test_m15_objection_period_30_days_determines_on_the_due_date(directory):
    policy = MrvPolicy(year=YEAR, objection_period_days=30, automatic_determination=True)
    case = reported()
    verify(case, directory, at=sh(2024, 4, 10, 23), policy=policy)
    assert case.determine_due(sh(2024, 5, 10, 22, 59), policy) is None
    d = case.determine_due(sh(2024, 5, 10, 23), policy)
    assert d.due_by == date(2024, 5, 10) and not d.late


def test_m15_determination_after_30_days_is_flagged_late(directory):
    case = reported()
    verify(case, directory, at=sh(2024, 4, 10))
    assert case.determine(None, None, sh(2024, 5, 11), POLICY).late


def test_m15_nothing_to_determine_before_verification():
    assert reported().determine_due(sh(2024, 6, 1), POLICY) is None


# -- M-15 ¶2(3) objection -----------------------------------------------------------------------------------------

def test_m15_objection_with_evidence_opens_recheck(directory):
    case = reported()
    verify(case, directory)
    objection = case.object(["meter calibration certificate 2023-11"], sh(2024, 4, 12))
    assert objection.evidence == ("meter calibration certificate 2023-11",)
    assert case.state is CaseState.RECHECK and trigger_codes(case) == [TriggerCode.OBJECTION]
    assert case.rechecks[-1].due_by == case.determination_due_by


@pytest.mark.parametrize("evidence, field", [([], "evidence"), ((), "evidence"), (None, "evidence"),
                                             ("", "evidence[0]"), (["doc", "  "], "evidence[1]")])
def test_m15_objection_without_evidence_refused(directory, evidence, field):
    case = reported()
    verify(case, directory)
    with pytest.raises(RuleViolation) as err:
        case.object(evidence, sh(2024, 4, 12))
    assert err.value.field == field and case.state is CaseState.VERIFIED and case.objections == ()


def test_m15_objection_needs_a_verification_report():
    with pytest.raises(Conflict):
        reported().object(["doc"], sh(2024, 4, 1))


def test_m15_objection_refused_after_determination(directory):
    case = reported()
    verify(case, directory, at=sh(2024, 4, 10))
    case.determine(None, None, sh(2024, 4, 17), POLICY)
    with pytest.raises(Conflict):
        case.object(["doc"], sh(2024, 4, 18))
    case.open_recheck("correction", sh(2024, 6, 1), POLICY)  # RECHECK again, but the year was determined
    with pytest.raises(Conflict):
        case.object(["doc"], sh(2024, 6, 2))


def test_m15_objection_joins_an_open_recheck_once(directory):
    case = reported(20_000)
    verify(case, directory, 10_000)
    case.object("doc-1", sh(2024, 4, 12))
    case.object(["doc-2"], sh(2024, 4, 13))
    assert trigger_codes(case) == [TriggerCode.DISCREPANCY, TriggerCode.OBJECTION]
    assert len(case.objections) == 2 and len(case.rechecks) == 1


# -- M-15 ¶2(4) authority, re-check determination, corrections -----------------------------------------------------

def test_m15_authority_opens_recheck_for_a_recorded_reason(directory):
    case = reported()
    verify(case, directory)
    recheck = case.open_recheck("spot check found unmetered boiler", sh(2024, 4, 12), POLICY)
    assert [t.code for t in recheck.triggers] == [TriggerCode.AUTHORITY]
    assert recheck.triggers[0].detail == "spot check found unmetered boiler"
    assert case.state is CaseState.RECHECK


def test_m15_authority_recheck_needs_a_reason(directory):
    case = reported()
    verify(case, directory)
    with pytest.raises(RuleViolation) as err:
        case.open_recheck(" ", sh(2024, 4, 12), POLICY)
    assert err.value.field == "reason" and case.state is CaseState.VERIFIED


def test_m15_authority_recheck_only_after_verification():
    with pytest.raises(Conflict):
        reported().open_recheck("why not", sh(2024, 4, 1), POLICY)


def test_m15_determination_after_recheck_keeps_the_triggers(directory):
    case = reported(20_000)
    verify(case, directory, 10_000, previous=10_000)
    case.open_recheck("also inspect site", sh(2024, 4, 15), POLICY)
    d = case.determine_after_recheck(10_400, "re-check: two meters misread", sh(2024, 5, 5))
    assert d.basis is DeterminationBasis.RECHECK and d.emissions == 10_400 and d.revision == 1
    assert [t.code for t in d.triggers] == [TriggerCode.DISCREPANCY, TriggerCode.AUTHORITY]
    assert d.reason == "re-check: two meters misread" and d.due_by == date(2024, 5, 10) and not d.late
    assert case.state is CaseState.DETERMINED


def test_m15_determination_after_recheck_needs_an_open_recheck(directory):
    case = reported()
    verify(case, directory)
    with pytest.raises(Conflict):
        case.determine_after_recheck(10_000, "x", sh(2024, 5, 1))


@pytest.mark.parametrize("emissions, reason, field", [(-1, "r", "emissions"), (Decimal("1.5"), "r", "emissions"),
                                                      (100, "", "reason")])
def test_m15_recheck_determination_input_checked(directory, emissions, reason, field):
    case = reported(20_000)
    verify(case, directory, 10_000)
    with pytest.raises(RuleViolation) as err:
        case.determine_after_recheck(emissions, reason, sh(2024, 5, 1))
    assert err.value.field == field and case.state is CaseState.RECHECK


def test_m15_correction_after_determination_redetermines_with_next_revision(directory):
    case = reported()
    verify(case, directory, at=sh(2024, 4, 10))
    first = case.determine(None, None, sh(2024, 4, 17), POLICY)
    recheck = case.open_recheck("data falsification reported", sh(2024, 7, 1, 10), POLICY)
    assert case.state is CaseState.RECHECK and recheck.due_by == date(2024, 7, 31)
    second = case.determine_after_recheck(12_345, "corrected", sh(2024, 7, 20))
    assert (first.revision, second.revision) == (1, 2)
    assert second.determination_id == "DET-E-1-2023-r2"
    assert [t.code for t in second.triggers] == [TriggerCode.AUTHORITY]
    assert case.determination is second and case.determinations == (first, second)
    case.open_recheck("again", sh(2024, 8, 1), POLICY)
    assert case.determine_after_recheck(12_000, "final", sh(2024, 8, 2)).revision == 3


def test_policy_of_another_year_is_a_programming_error():
    with pytest.raises(ValueError):
        ReportCase("E-1", YEAR, "case-E-1").submit_report("R", process(1), covered=True, now=sh(2024, 3, 1),
                                              policy=MrvPolicy.default(2022))


# -- what each step records, and the article of every refusal (mutation testing) -----------------------------------

CUSTOM = FactorSet("SH-TEST", 2023, 2023, Decimal("1"), Decimal("1"), {})


def conflict(call):
    with pytest.raises(Conflict) as err:
        call()
    return err.value.article


def test_m12_m13_m15_a_refused_step_names_its_article(directory):
    fresh = ReportCase("E-1", YEAR, "case-E-1")
    assert conflict(lambda: fresh.amend_report(process(1), now=sh(2024, 3, 5))) == "M-12"
    assert conflict(lambda: fresh.object(["doc"], sh(2024, 3, 5))) == "M-15"
    assert conflict(lambda: fresh.open_recheck("why", sh(2024, 3, 5), POLICY)) == "M-15"
    assert conflict(lambda: fresh.determine_after_recheck(1, "r", sh(2024, 3, 5))) == "M-15"
    assert conflict(lambda: fresh.determine(1, "r", sh(2024, 3, 5), POLICY)) == "M-15"
    case = reported()
    assert conflict(lambda: case.submit_report("R-2", process(1), covered=True, now=sh(2024, 3, 2),
                                               policy=POLICY)) == "M-12"
    verify(case, directory)
    assert conflict(lambda: verify(case, directory)) == "M-13"
    case.determine(None, None, sh(2024, 4, 18), POLICY)
    assert conflict(lambda: case.object(["doc"], sh(2024, 4, 19))) == "M-15"
    with pytest.raises(RuleViolation) as err:
        reported(covered=False).determine(1, "statistics", sh(2024, 5, 1), POLICY)
    assert (err.value.field, err.value.article) == ("report_id", "M-15")


def test_m15_the_authoritys_own_figure_only_where_a_deadline_found_something_missing():
    assert conflict(lambda: ReportCase("E-1", YEAR, "c").determine_by_authority(1, "b", sh(2024, 5, 1))) == "M-15"
    late = ReportCase("E-1", YEAR, "case-E-1")
    assert late.flag_report_missing(sh(2024, 4, 1), POLICY)
    late.submit_report("R-1", process(10_000), covered=True, now=sh(2024, 4, 5), policy=POLICY)
    # the late report arrived: from now on only a missing verification lets the authority use its own figure
    assert conflict(lambda: late.determine(9_000, "statistics", sh(2024, 4, 6), POLICY)) == "M-15"
    assert late.flag_verification_missing(sh(2024, 5, 1), POLICY)
    d = late.determine(9_000, " statistics ", sh(2024, 5, 2, 9), POLICY, determination_id="DET-X")
    assert (d.determination_id, d.triggers, d.determined_at, d.reason) == ("DET-X", (), sh(2024, 5, 2, 9),
                                                                          "statistics")


def test_m12_an_amendment_replaces_the_sources_with_the_reports_own_factor_set():
    case = ReportCase("E-1", YEAR, "case-E-1")
    elec = [ActivitySource(SourceKind.ELECTRICITY, Decimal(3), "10^4 kWh")]
    case.submit_report("R-1", elec, covered=True, now=sh(2024, 3, 1),
                       policy=MrvPolicy(year=YEAR, factor_set_id="SH-TEST"), factor_sets=[CUSTOM])
    amended = case.amend_report(elec + elec, now=sh(2024, 3, 2), factor_sets=[CUSTOM])
    assert (amended.breakdown.factor_set_id, amended.breakdown.total) == ("SH-TEST", Decimal(6))
    assert amended.sources == tuple(elec + elec) and case.report is amended


def test_m15_a_recheck_opened_on_a_verified_case_starts_when_it_is_opened(directory):
    by_objection = reported()
    verify(by_objection, directory)
    objection = by_objection.object(["doc"], sh(2024, 4, 12, 9))
    assert objection.filed_at == sh(2024, 4, 12, 9) == by_objection.rechecks[-1].opened_at
    by_authority = reported()
    verify(by_authority, directory)
    by_authority.open_recheck("site visit", sh(2024, 4, 13, 9), POLICY)
    by_authority.open_recheck("second reason", sh(2024, 4, 14, 9), POLICY)
    (recheck,) = by_authority.rechecks
    assert recheck.opened_at == sh(2024, 4, 13, 9)
    assert [t.detail for t in recheck.triggers] == ["site visit", "second reason"]  # the authority's reasons add up


def test_m15_a_correction_opens_a_new_recheck_and_keeps_the_earlier_ones(directory):
    case = reported(20_000)
    verify(case, directory, 10_000)
    case.determine_after_recheck(15_000, "re-checked", sh(2024, 5, 1))
    correction = case.open_recheck("falsification reported", sh(2024, 7, 1, 9), POLICY)
    assert correction.opened_at == sh(2024, 7, 1, 9)
    case.open_recheck("second look", sh(2024, 7, 2), POLICY)
    assert len(case.rechecks) == 2 and [t.code for t in case.rechecks[0].triggers] == [TriggerCode.DISCREPANCY]
    assert [t.detail for t in case.rechecks[1].triggers] == ["falsification reported", "second look"]


def test_m18_an_exiting_entitys_report_is_filed_in_the_year_and_due_on_its_exit_day():
    case = ReportCase("E-1", YEAR, "case-E-1")
    case.start_exit_report(date(2023, 7, 15))
    assert case.exit_report_due == date(2023, 7, 15) and case.report_due(POLICY) == date(2023, 7, 15)
    assert not case.flag_report_missing(sh(2023, 7, 15, 23, 59), POLICY)
    report = case.submit_report("R-1", process(1_000), covered=True, now=sh(2023, 7, 16), policy=POLICY)
    assert report.late is True  # filed during the year, but after its own due day
    case.start_exit_report(date(2023, 9, 1))  # a report exists: the due day stays
    assert case.exit_report_due == date(2023, 7, 15)
    flagged = ReportCase("E-2", YEAR, "case-E-2")
    assert flagged.flag_report_missing(sh(2024, 4, 1), POLICY)
    flagged.start_exit_report(date(2023, 7, 15))  # found missing already: nothing changes
    assert flagged.exit_report_due is None
    missing = ReportCase("E-3", YEAR, "case-E-3")
    missing.start_exit_report(date(2023, 7, 15))
    assert missing.flag_report_missing(sh(2023, 7, 16), POLICY) and missing.report_missing_at == sh(2023, 7, 16)


def test_m15_a_determination_may_be_zero_tonnes_carries_its_entity_year_and_the_id_given(directory):
    verified_case = reported()
    verify(verified_case, directory)
    d = verified_case.determine(None, None, sh(2024, 4, 18), POLICY, determination_id="DET-A")
    assert (d.determination_id, d.entity_id, d.year, d.emissions) == ("DET-A", "E-1", YEAR, 10_000)
    rechecked = reported(20_000)
    verify(rechecked, directory, 10_000)
    d = rechecked.determine(0, "the kiln never ran", sh(2024, 5, 1), POLICY, determination_id="DET-B")
    assert (d.determination_id, d.entity_id, d.year, d.emissions) == ("DET-B", "E-1", YEAR, 0)
    missing = ReportCase("E-1", YEAR, "case-E-1")
    missing.flag_report_missing(sh(2024, 4, 1), POLICY)
    assert missing.determine(0, "closed all year", sh(2024, 5, 1), POLICY, determination_id="DET-C").emissions == 0
    assert missing.determination.determination_id == "DET-C"


def test_m15_m13_refused_figures_and_unverifiable_reports_name_field_and_article(directory):
    rechecked = reported(20_000)
    verify(rechecked, directory, 10_000)
    for emissions, reason, field in [(-1, "r", "emissions"), (True, "r", "emissions"), (1, " ", "reason")]:
        with pytest.raises(RuleViolation) as err:
            rechecked.determine_after_recheck(emissions, reason, sh(2024, 5, 1))
        assert (err.value.field, err.value.article) == (field, "M-15")
    reporting_only = reported(covered=False)
    with pytest.raises(RuleViolation) as err:
        verify(reporting_only, directory)
    assert (err.value.field, err.value.article) == ("report_id", "M-13")


def test_m15_a_refused_determination_or_objection_names_its_field_and_article(directory):
    verified_case = reported()
    verify(verified_case, directory)
    with pytest.raises(RuleViolation) as err:  # another figure than the verified one needs a re-check
        verified_case.determine(9_999, "r", sh(2024, 5, 1), POLICY)
    assert (err.value.field, err.value.article) == ("emissions", "M-15")
    with pytest.raises(Conflict) as conflict_err:  # inside the objection period
        verified_case.determine(None, None, sh(2024, 4, 10, 11), POLICY)
    assert (conflict_err.value.field, conflict_err.value.article) == ("report_id", "M-15")
    for evidence, field in [([], "evidence"), (["ok", " "], "evidence[1]")]:
        with pytest.raises(RuleViolation) as err:
            verified_case.object(evidence, sh(2024, 4, 11))
        assert (err.value.field, err.value.article) == (field, "M-15")
    verified_case.determine(None, None, sh(2024, 5, 1), POLICY)
    verified_case.open_recheck("a complaint", sh(2024, 5, 2), POLICY)
    with pytest.raises(Conflict) as conflict_err:  # a correction's re-check: the year is already determined
        verified_case.object(["new evidence"], sh(2024, 5, 3))
    assert conflict_err.value.article == "M-15"


def test_m13_a_verification_keeps_its_id_and_verified_sources_and_a_recheck_opens_when_filed(directory):
    case = reported(20_000)
    sources = process(10_000)
    at = sh(2024, 4, 10, 10)
    v = case.file_verification("VF-9", "AG-1", "V-1", sources, ["ok"], now=at, policy=POLICY, directory=directory,
                               previous_year_determined=None)
    assert (v.verification_id, v.report_id, v.verified_sources) == ("VF-9", "R-1", tuple(sources))
    assert case.rechecks[-1].opened_at == at


def test_m12_a_report_keeps_the_sources_submitted():
    sources = process(1_234)
    assert reported(1_234).report.sources == tuple(sources)


def test_m13_m44_a_verification_is_computed_with_the_reports_factor_set_from_the_sets_given(directory):
    own = FactorSet("OWN", 2020, None, Decimal(1), Decimal(1), {})
    case = ReportCase("E-1", YEAR, "case-E-1")
    case.submit_report("R-1", process(10_000), covered=True, now=sh(2024, 3, 1), policy=POLICY, factor_sets=[own])
    v = case.file_verification("VF-1", "AG-1", "V-1", process(10_000), ["ok"], now=sh(2024, 4, 10), policy=POLICY,
                               directory=directory, previous_year_determined=None, factor_sets=[own])
    assert v.breakdown.factor_set_id == "OWN"
