"""V: only certified verifiers of selected, non-blacklisted agencies may sign verification work for a year."""
from datetime import datetime, timedelta, timezone

import pytest

from verifier_oversight.domain.agencies import Agency, AgencyStatus, BlacklistEntry, TenderAward
from verifier_oversight.domain.certificates import Certificate, Verifier, revoke_certificate
from verifier_oversight.domain.eligibility import (
    agency_eligible, blacklist_years_covered, verifier_may_sign,
)
from verifier_oversight.domain.policy import OversightPolicy

T0 = datetime(2024, 3, 1, 2, 0, tzinfo=timezone.utc)
AGENCY = Agency("a1", "Agency One", "91310000MA1FL00001", T0, ("industry",))
VERIFIER = Verifier("v1", "a1", "Li Wei")
CERT = Certificate("v1", "a1", 2024, "C-1", T0, exam_score=75)
AWARDS = [TenderAward("a1", 2024)]


def may_sign(verifier=VERIFIER, agency=AGENCY, year=2024, certificates=(CERT,), awards=AWARDS, blacklist=(), at=None):
    return verifier_may_sign(verifier, agency, year, certificates, awards, blacklist, at)


def test_v_only_agency_selected_for_the_year_is_eligible():
    assert agency_eligible(AGENCY, 2024, AWARDS, []) == (True, "eligible")
    ok, reason = agency_eligible(AGENCY, 2025, AWARDS, [])
    assert not ok and "not selected" in reason
    ok, _ = agency_eligible(Agency("a2", "B", "91310000MA1FL00002", T0), 2024, AWARDS, [])
    assert not ok


@pytest.mark.parametrize("status", [AgencyStatus.SUSPENDED, AgencyStatus.DEREGISTERED])
def test_v_suspended_or_deregistered_agency_is_not_eligible(status):
    ok, reason = agency_eligible(Agency("a1", "A", "91310000MA1FL00001", T0, status=status), 2024, AWARDS, [])
    assert not ok and status.value in reason


def test_v_failed_agency_blacklisted_for_5_years():
    policy = OversightPolicy(year=2023)
    assert blacklist_years_covered(2023, policy) == (2024, 2028)
    assert blacklist_years_covered(2023, OversightPolicy(year=2023, blacklist_years=3)) == (2024, 2026)
    entry = BlacklistEntry("a1", 2023, 2024, 2028, "FAIL")
    awards = [TenderAward("a1", y) for y in range(2023, 2030)]
    eligible_years = [y for y in range(2023, 2030) if agency_eligible(AGENCY, y, awards, [entry])[0]]
    assert eligible_years == [2023, 2029]  # the evaluated year itself and the sixth year after stay open


def test_v_blacklist_landing_after_the_award_still_bars_that_years_work():
    entry = BlacklistEntry("a1", 2023, 2024, 2028, "FAIL")
    ok, reason = may_sign(blacklist=[entry])
    assert not ok and "blacklisted" in reason


def test_v_certified_verifier_of_eligible_agency_may_sign():
    assert may_sign() == (True, "eligible")


def test_v_verifier_without_certificate_for_the_year_may_not_sign():
    ok, reason = may_sign(certificates=[])
    assert not ok and "no work certificate" in reason
    ok, _ = may_sign(certificates=[Certificate("v1", "a1", 2023, "C-0", T0)], awards=AWARDS + [TenderAward("a1", 2023)])
    assert not ok
    ok, _ = may_sign(certificates=[Certificate("v9", "a1", 2024, "C-9", T0)])
    assert not ok


def test_v_certificate_issued_for_another_agency_does_not_count():
    moved = Verifier("v1", "a2", "Li Wei")
    other = Agency("a2", "Agency Two", "91310000MA1FL00002", T0)
    ok, reason = may_sign(verifier=moved, agency=other, awards=[TenderAward("a2", 2024)])
    assert not ok and "no work certificate" in reason


def test_v_verifier_signs_only_for_own_agency():
    ok, reason = may_sign(agency=Agency("a2", "Agency Two", "91310000MA1FL00002", T0))
    assert not ok and "does not belong" in reason


def test_v_certified_verifier_of_non_selected_agency_may_not_sign():
    ok, reason = may_sign(awards=[])
    assert not ok and "not selected" in reason


def test_v_revoked_certificate_stops_signing_from_the_revocation_on():
    revoked_at = T0 + timedelta(days=10)
    revoked = revoke_certificate(CERT, revoked_at, "misconduct")
    assert not may_sign(certificates=[revoked])[0]
    assert may_sign(certificates=[revoked], at=revoked_at - timedelta(seconds=1))[0]
    assert not may_sign(certificates=[revoked], at=revoked_at)[0]


def test_v_certificate_does_not_cover_signing_before_it_was_issued():
    assert not may_sign(at=T0 - timedelta(seconds=1))[0]
    assert may_sign(at=T0)[0]


def test_m13_verifier_signs_only_for_an_entity_assigned_to_its_agency():
    ok, reason = verifier_may_sign(VERIFIER, AGENCY, 2024, [CERT], AWARDS, [], entity_id="E-1", assigned_agency_id="a1")
    assert (ok, reason) == (True, "eligible")
    ok, reason = verifier_may_sign(VERIFIER, AGENCY, 2024, [CERT], AWARDS, [], entity_id="E-1", assigned_agency_id="a2")
    assert not ok and "assigned to agency a2" in reason
    ok, reason = verifier_may_sign(VERIFIER, AGENCY, 2024, [CERT], AWARDS, [], entity_id="E-1")
    assert not ok and "assigned to no agency yet" in reason
