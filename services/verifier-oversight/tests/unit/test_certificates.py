"""V: verifiers and the yearly verification work certificate (核查工作证)."""
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.agencies import Agency, AgencyStatus, BlacklistEntry, TenderAward
from verifier_oversight.domain.certificates import (
    Certificate, Verifier, issue_certificate, register_verifier, revoke_certificate,
)
from verifier_oversight.domain.policy import OversightPolicy

T0 = datetime(2024, 3, 1, 2, 0, tzinfo=timezone.utc)
AGENCY = Agency("a1", "Agency One", "91310000MA1FL00001", T0)
VERIFIER = Verifier("v1", "a1", "Li Wei")
AWARDS = [TenderAward("a1", 2024)]
POLICY = OversightPolicy(year=2024)


def issue(score=80, *, verifier=VERIFIER, agency=AGENCY, year=2024, no="C-2024-001", policy=POLICY, awards=AWARDS,
          blacklist=(), certificates=()):
    return issue_certificate(verifier, agency, year, score, no, T0, policy, awards, blacklist, certificates)


def test_v_certificate_requires_exam_score_at_least_pass_mark():
    with pytest.raises(RuleViolation) as e:
        issue(59)
    assert e.value.field == "exam_score" and e.value.article == "V"
    cert = issue(60)
    assert cert == Certificate("v1", "a1", 2024, "C-2024-001", T0, None, exam_score=60)


def test_v_exam_pass_mark_is_the_years_policy():
    strict = OversightPolicy(year=2024, exam_pass_mark=70)
    with pytest.raises(RuleViolation):
        issue(69, policy=strict)
    assert issue(70, policy=strict).exam_score == 70


@pytest.mark.parametrize("score", [-1, 101])
def test_v_exam_score_must_be_out_of_100(score):
    with pytest.raises(RuleViolation) as e:
        issue(score)
    assert e.value.field == "exam_score"


def test_v_certificate_only_for_agency_selected_for_that_year():
    with pytest.raises(RuleViolation) as e:
        issue(awards=[TenderAward("a1", 2023), TenderAward("a2", 2024)])
    assert e.value.field == "year" and "not selected" in e.value.detail


def test_v_certificate_refused_when_agency_blacklisted_for_the_year():
    entry = BlacklistEntry("a1", 2023, 2024, 2028, "FAIL")
    with pytest.raises(RuleViolation) as e:
        issue(blacklist=[entry])
    assert "blacklisted" in e.value.detail


@pytest.mark.parametrize("status", [AgencyStatus.SUSPENDED, AgencyStatus.DEREGISTERED])
def test_v_certificate_refused_when_agency_not_in_good_standing(status):
    with pytest.raises(RuleViolation):
        issue(agency=Agency("a1", "Agency One", "91310000MA1FL00001", T0, status))


def test_v_certificate_only_for_the_verifiers_own_agency():
    with pytest.raises(RuleViolation) as e:
        issue(verifier=Verifier("v2", "a2", "Wang"))
    assert e.value.field == "verifier_id"


def test_v_policy_of_another_year_is_a_programming_error():
    with pytest.raises(ValueError):
        issue(policy=OversightPolicy(year=2023))


def test_v_one_certificate_per_verifier_and_year_with_unique_numbers():
    first = issue()
    with pytest.raises(Conflict) as e:
        issue(no="C-2024-002", certificates=[first])
    assert e.value.field == "verifier_id"
    revoked = revoke_certificate(first, T0, "left the agency")
    with pytest.raises(Conflict):  # a revoked certificate is not replaced within the year
        issue(no="C-2024-002", certificates=[revoked])
    other = Verifier("v2", "a1", "Zhang")
    with pytest.raises(Conflict) as e:
        issue(verifier=other, certificates=[first])
    assert e.value.field == "certificate_no"
    assert issue(verifier=other, no="C-2024-002", certificates=[first]).verifier_id == "v2"


def test_v_certificate_needs_a_number():
    with pytest.raises(RuleViolation) as e:
        issue(no=" ")
    assert e.value.field == "certificate_no"


def test_v_certificate_revocation_needs_a_reason_and_happens_once():
    cert = issue()
    with pytest.raises(RuleViolation) as e:
        revoke_certificate(cert, T0, "  ")
    assert e.value.field == "reason"
    revoked = revoke_certificate(cert, T0, "exam fraud")
    assert (revoked.revoked_at, revoked.revocation_reason) == (T0, "exam fraud")
    assert cert.valid_at() and not revoked.valid_at()
    with pytest.raises(Conflict):
        revoke_certificate(revoked, T0, "again")


def test_v_verifier_registered_once_with_a_non_deregistered_agency():
    v = register_verifier("v1", AGENCY, " Li Wei ", verifiers=[])
    assert v == VERIFIER
    with pytest.raises(Conflict):
        register_verifier("v1", AGENCY, "Li Wei", verifiers=[v])
    with pytest.raises(RuleViolation) as e:
        register_verifier("v2", AGENCY, "", verifiers=[])
    assert e.value.field == "name"
    gone = Agency("a1", "Agency One", "91310000MA1FL00001", T0, AgencyStatus.DEREGISTERED)
    with pytest.raises(RuleViolation) as e:
        register_verifier("v2", gone, "Zhang", verifiers=[])
    assert e.value.field == "agency_id"
