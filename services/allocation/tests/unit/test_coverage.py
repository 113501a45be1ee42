"""Who is on which list (M-5, M-12 ¶2): the year's thresholds applied to known emissions, the reporting threshold
(10,000 t inclusive), reporting-only emitters later covered, voluntary applications decided once, the best known
figure, the list's digest and which entities are on a year's list."""
import hashlib
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain import (
    ApplicationStatus, Coverage, CoverageApplication, CoverageBasis, CoveredEntity, EmissionsSource, KnownEmissions,
    classify, list_digest,
)
from allocation.domain.policy import AllocationPolicy

T0 = datetime(2025, 1, 10, tzinfo=timezone.utc)
POLICY = AllocationPolicy.default(2025)


def test_m5_threshold_reached_covers():
    assert classify(POLICY, "industry", 20_000) is CoverageBasis.THRESHOLD
    assert classify(POLICY, "industry", 19_999, energy_tce=10_000) is CoverageBasis.THRESHOLD


def test_m12_at_10000_t_not_covered_is_reporting_only_one_tonne_under_neither():
    assert classify(POLICY, "industry", 19_999) is CoverageBasis.REPORTING_THRESHOLD
    assert classify(POLICY, "commerce", 10_000) is CoverageBasis.REPORTING_THRESHOLD
    assert classify(POLICY, "commerce", 9_999) is None


def test_m12_reporting_threshold_is_a_policy_parameter():
    lowered = replace(POLICY, reporting_threshold_t=5_000)
    assert classify(lowered, "commerce", 5_000) is CoverageBasis.REPORTING_THRESHOLD
    with pytest.raises(RuleViolation) as e:
        replace(POLICY, reporting_threshold_t=-1)
    assert e.value.field == "reporting_threshold_t"


def reporting_only() -> CoveredEntity:
    return CoveredEntity("E-1", "Small", "commerce", T0, coverage=Coverage.REPORTING_ONLY,
                         coverage_basis=CoverageBasis.REPORTING_THRESHOLD, first_compliance_year=2025)


def test_m5_reporting_only_emitter_covered_later_from_a_year():
    e = reporting_only()
    assert not e.covered_in(2025)
    later = datetime(2026, 1, 5, tzinfo=timezone.utc)
    e.cover(CoverageBasis.THRESHOLD, 2026, later)
    assert (e.coverage, e.coverage_basis, e.first_compliance_year, e.registered_at) == (
        Coverage.COVERED, CoverageBasis.THRESHOLD, 2026, later)
    assert e.covered_in(2026) and e.covered_in(2027) and not e.covered_in(2025)
    with pytest.raises(Conflict):
        e.cover(CoverageBasis.VOLUNTARY, 2027, later)


def test_m5_coverage_rests_on_the_threshold_or_an_application():
    with pytest.raises(RuleViolation):
        reporting_only().cover(CoverageBasis.REPORTING_THRESHOLD, 2026, T0)


def test_m18_an_entity_exited_during_a_year_is_on_that_years_list_not_the_next():
    e = CoveredEntity("E-1", "Mill", "industry", T0, coverage_basis=CoverageBasis.THRESHOLD, first_compliance_year=2025)
    e.exit(datetime(2026, 3, 1, tzinfo=timezone.utc))
    assert e.covered_in(2026) and not e.covered_in(2027)


def application() -> CoverageApplication:
    return CoverageApplication("APP-E-1-2026", "E-1", "Small", "commerce", 2026, "we want to trade", T0,
                               correlation_id="case-1")


def test_m5_voluntary_application_decided_once_with_reasons():
    a = application()
    with pytest.raises(RuleViolation) as e:
        a.decide(True, " ", T0, "authority:x")
    assert e.value.field == "reason" and a.status is ApplicationStatus.PENDING
    a.decide(True, "metering in place", T0, "authority:x")
    assert a.approved and (a.decided_by, a.decision_reason) == ("authority:x", "metering in place")
    with pytest.raises(Conflict):
        a.decide(False, "changed our mind", T0, "authority:x")


def test_m5_application_needs_a_statement():
    with pytest.raises(RuleViolation) as e:
        CoverageApplication("APP-E-1-2026", "E-1", "Small", "commerce", 2026, "  ", T0, correlation_id="case-1")
    assert e.value.field == "statement"


def test_m5_a_determined_figure_replaces_a_report_which_replaces_a_declaration_never_the_reverse():
    declared = KnownEmissions("E-1", 2025, 15_000, None, EmissionsSource.DECLARED, T0)
    reported = replace(declared, tonnes=21_000, source=EmissionsSource.REPORTED)
    determined = replace(declared, tonnes=20_500, source=EmissionsSource.DETERMINED)
    assert declared.replaces(None) and reported.replaces(declared) and determined.replaces(reported)
    assert reported.replaces(reported) and not reported.replaces(determined) and not declared.replaces(reported)


def test_m5_list_digest_is_the_sha256_of_the_sorted_ids():
    assert list_digest(["E-2", "E-1"]) == hashlib.sha256(b"E-1\nE-2").hexdigest()


def _refused(call, error=RuleViolation):
    with pytest.raises(error) as e:
        call()
    return e.value.field, e.value.article


def test_m5_m18_each_refused_cover_names_its_field_and_article():
    covered = CoveredEntity("E-2", "Mill", "industry", T0, first_compliance_year=2025)
    assert _refused(lambda: covered.cover(CoverageBasis.VOLUNTARY, 2026, T0), Conflict) == ("entity_id", "M-5")
    exited = reporting_only()
    exited.exit(T0)
    assert _refused(lambda: exited.cover(CoverageBasis.VOLUNTARY, 2026, T0), Conflict) == ("entity_id", "M-18")
    assert exited.coverage is Coverage.REPORTING_ONLY
    assert _refused(lambda: reporting_only().cover(CoverageBasis.REPORTING_THRESHOLD, 2026, T0)) == ("basis", "M-5")


def test_m5_an_entity_on_the_list_from_its_first_year_and_to_the_year_it_exits():
    e = CoveredEntity("E-1", "Mill", "industry", T0, first_compliance_year=2025)
    assert e.covered_in(2025) and not e.covered_in(2024)
    assert CoveredEntity("E-3", "Mill", "industry", T0).covered_in(2013)  # no first year: on every year's list
    e.exit(datetime(2026, 12, 31, 16, 0, tzinfo=timezone.utc))  # 00:00 on 1 January 2027 in Shanghai
    assert e.covered_in(2027) and not e.covered_in(2028)


@pytest.mark.parametrize("field", ["entity_id", "name", "sector", "statement"])
def test_m5_an_application_needs_each_of_its_texts_naming_it_and_m5(field):
    args = {"application_id": "A", "entity_id": "E-1", "name": "Small", "sector": "commerce", "compliance_year": 2026,
            "statement": "why", "filed_at": T0, "correlation_id": "c"} | {field: " "}
    assert _refused(lambda: CoverageApplication(**args)) == (field, "M-5")


def test_m5_a_decision_is_refused_twice_without_reasons_or_before_the_filing_naming_what_and_m5():
    a = application()
    assert _refused(lambda: a.decide(True, "", T0, "authority:x")) == ("reason", "M-5")
    assert _refused(lambda: a.decide(True, "ok", datetime(2025, 1, 9, tzinfo=timezone.utc), "authority:x"))[0] == \
        "decided_at"
    assert a.status is ApplicationStatus.PENDING and a.decided_at is None
    assert a.decide(False, " no metering ", T0, "authority:y") == "no metering"  # at the filing instant: allowed
    assert (a.status, a.approved, a.decided_at, a.decided_by) == (ApplicationStatus.REJECTED, False, T0, "authority:y")
    assert _refused(lambda: a.decide(True, "ok", T0, "authority:x"), Conflict) == ("application_id", "M-5")


def test_m5_the_sources_rank_declared_reported_determined():
    assert [s.rank for s in EmissionsSource] == [0, 1, 2]
