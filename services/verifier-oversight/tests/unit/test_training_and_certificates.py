"""V (事前: 培训及核查证发放): training sessions, attendance, exam results, and the year's work certificate only for
verifiers of selected agencies who attended and passed; revocation with a reason."""
from datetime import date, timedelta

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.agencies import AgencyStatus, BlacklistEntry, TenderAward
from verifier_oversight.domain.certificates import (
    Certificate, Verifier, default_certificate_no, issue_certificate, register_verifier, revoke_certificate,
)
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.training import (
    passed_training, record_attendance, record_results, schedule_training, training_bar,
)

from .conftest import T0, agency

V1, V2 = Verifier("v1", "a1", "Li"), Verifier("v2", "a1", "Wang")
AWARDS = [TenderAward("a1", 2025)]


def session(**results):
    s = record_attendance(schedule_training("TR-1", 2025, "Verification 2025", date(2026, 1, 12)), [V1, V2],
                          {"a1": None})
    return record_results(s, results) if results else s


def test_v_training_attended_by_verifiers_of_selected_agencies_only():
    s = session()
    assert s.attendees == ("v1", "v2")
    with pytest.raises(RuleViolation, match="not selected") as e:
        record_attendance(s, [Verifier("v3", "a2", "Zhao")], {"a2": "agency a2 was not selected by tender for 2025"})
    assert e.value.field == "verifier_ids[0]"
    with pytest.raises(Conflict):
        record_attendance(s, [V1], {"a1": None})
    with pytest.raises(RuleViolation) as e:
        schedule_training("TR-2", 2025, "x", date(2027, 1, 1))
    assert e.value.field == "held_on"


def test_v_exam_results_only_for_attendees_once_each():
    s = session(v1=75)
    with pytest.raises(Conflict):
        record_results(s, {"v1": 80})
    with pytest.raises(RuleViolation, match="did not attend"):
        record_results(s, {"v9": 80})
    with pytest.raises(RuleViolation):
        record_results(s, {"v2": 101})


@pytest.mark.parametrize(("score", "passed"), [(60, True), (59, False)])
def test_v_exam_pass_mark_60_inclusive(score, passed, policy):
    assert (passed_training("v1", 2025, [session(v1=score)], policy) is not None) is passed
    strict = OversightPolicy(year=2025, exam_pass_mark=70)
    assert passed_training("v1", 2025, [session(v1=69)], strict) is None


def certify(passed_sessions, agency_=None, awards=AWARDS, blacklist=(), certificates=(),
            policy=None):
    policy = policy or OversightPolicy(year=2025)
    return issue_certificate(V1, agency_ or agency(), 2025, default_certificate_no("v1", 2025), T0,
                             passed_training("v1", 2025, passed_sessions, policy),
                             training_bar("v1", 2025, passed_sessions, policy), awards, blacklist, certificates)


def test_v_certificate_only_to_those_who_attended_and_passed():
    c = certify([session(v1=82)])
    assert (c.certificate_no, c.exam_score, c.training_id, c.year) == ("HCZ-2025-v1", 82, "TR-1", 2025)
    for sessions, why in [([], "attended no training"), ([session()], "no exam result"),
                          ([session(v1=59)], "best exam score 59 is below the pass mark 60")]:
        with pytest.raises(RuleViolation, match=why) as e:
            certify(sessions)
        assert e.value.field == "verifier_id"


def test_v_a_resit_in_another_session_counts():
    resit = record_results(record_attendance(schedule_training("TR-2", 2025, "Resit", date(2026, 2, 1)), [V1],
                                             {"a1": None}), {"v1": 64})
    assert certify([session(v1=50), resit]).exam_score == 64


def test_v_no_certificate_for_an_agency_not_selected_suspended_or_blacklisted():
    passed = [session(v1=90)]
    with pytest.raises(RuleViolation, match="not selected") as e:
        certify(passed, awards=[])
    assert e.value.field == "compliance_year"
    with pytest.raises(RuleViolation, match="SUSPENDED"):
        certify(passed, agency(status=AgencyStatus.SUSPENDED))
    with pytest.raises(RuleViolation, match="blacklisted"):
        certify(passed, blacklist=[BlacklistEntry("a1", 2024, 2025, 2029, "FAIL")])


def test_v_one_certificate_per_verifier_and_year_unique_numbers():
    existing = Certificate("v1", "a1", 2025, "HCZ-OLD", T0)
    with pytest.raises(Conflict):
        certify([session(v1=90)], certificates=[existing])
    with pytest.raises(Conflict):
        certify([session(v1=90)], certificates=[Certificate("v9", "a1", 2024, "HCZ-2025-v1", T0)])


def test_v_revocation_needs_a_reason_and_is_final():
    c = certify([session(v1=90)])
    revoked = revoke_certificate(c, T0 + timedelta(days=3), "left the agency")
    assert revoked.revocation_reason == "left the agency" and not revoked.valid_at()
    with pytest.raises(Conflict):
        revoke_certificate(revoked, T0, "again")
    with pytest.raises(RuleViolation) as e:
        revoke_certificate(c, T0, " ")
    assert e.value.field == "reason"


def test_v_verifier_registered_once_with_a_filed_agency():
    v = register_verifier("v1", agency(), " Li ", [])
    assert v == Verifier("v1", "a1", "Li")
    with pytest.raises(Conflict):
        register_verifier("v1", agency(), "Li", [v])
    with pytest.raises(RuleViolation):
        register_verifier("v2", agency(status=AgencyStatus.DEREGISTERED), "Li", [])


def refused(call):
    with pytest.raises((RuleViolation, Conflict)) as e:
        call()
    return type(e.value), e.value.field, e.value.article


def test_v_verifier_registration_refusals_name_their_field_and_article():
    v = register_verifier("v1", agency(), "Li", [])
    assert refused(lambda: register_verifier("v2", agency(), "  ", [])) == (RuleViolation, "name", "V")
    assert refused(lambda: register_verifier("v2", agency(status=AgencyStatus.DEREGISTERED), "Li", [])) == (
        RuleViolation, "agency_id", "M-14")
    assert refused(lambda: register_verifier("v1", agency(), "Li", [v])) == (Conflict, "verifier_id", "V")
    assert register_verifier("v2", agency(status=AgencyStatus.SUSPENDED), "Wang", [v]).agency_id == "a1"


def test_v_certificate_refusals_name_their_field_and_article():
    passed = [session(v1=90)]
    assert refused(lambda: certify(passed, agency("a2"))) == (RuleViolation, "verifier_id", "V")
    assert refused(lambda: certify(passed, awards=[TenderAward("a1", 2024)])) == (RuleViolation, "compliance_year",
                                                                                 "V")
    assert refused(lambda: certify([session(v1=59)])) == (RuleViolation, "verifier_id", "V")
    assert refused(lambda: issue_certificate(V1, agency(), 2025, " ", T0, passed_training(
        "v1", 2025, passed, OversightPolicy(year=2025)), "", AWARDS, [], [])) == (RuleViolation, "certificate_no", "V")
    assert refused(lambda: certify(passed, certificates=[Certificate("v9", "a1", 2024, "HCZ-2025-v1", T0)])) == (
        Conflict, "certificate_no", "V")
    assert refused(lambda: certify(passed, certificates=[Certificate("v1", "a1", 2025, "HCZ-OLD", T0)])) == (
        Conflict, "verifier_id", "V")
    # last year's certificate and another verifier's certificate of the year are no obstacle
    issued = certify(passed, certificates=[Certificate("v1", "a1", 2024, "HCZ-2024-v1", T0),
                                           Certificate("v2", "a1", 2025, "HCZ-2025-v2", T0)])
    assert (issued.verifier_id, issued.agency_id, issued.issued_at, issued.revoked_at) == ("v1", "a1", T0, None)


def test_v_revocation_refusals_name_their_field_and_article():
    c = certify([session(v1=90)])
    assert refused(lambda: revoke_certificate(c, T0, "")) == (RuleViolation, "reason", "V")
    revoked = revoke_certificate(c, T0 + timedelta(days=1), " left ")
    assert (revoked.revoked_at, revoked.revocation_reason) == (T0 + timedelta(days=1), "left")
    assert refused(lambda: revoke_certificate(revoked, T0, "again")) == (Conflict, None, "V")


def test_v_a_certificate_is_valid_from_its_issue_until_its_revocation():
    c = Certificate("v1", "a1", 2025, "HCZ-2025-v1", T0, revoked_at=T0 + timedelta(days=2))
    assert not c.valid_at(T0 - timedelta(seconds=1))
    assert c.valid_at(T0) and c.valid_at(T0 + timedelta(days=2, seconds=-1))
    assert not c.valid_at(T0 + timedelta(days=2)) and not c.valid_at()
    assert Certificate("v1", "a1", 2025, "N", T0).valid_at() and Certificate("v1", "a1", 2025, "N", T0).valid_at(
        T0 + timedelta(days=900))


def test_v_training_refusals_name_their_field_and_article():
    assert refused(lambda: schedule_training("TR-2", 2025, " ", date(2026, 1, 1))) == (RuleViolation, "title", "V")
    for held_on in (date(2024, 12, 31), date(2027, 1, 1)):
        assert refused(lambda held_on=held_on: schedule_training("TR-2", 2025, "x", held_on)) == (
            RuleViolation, "held_on", "V")
    for held_on in (date(2025, 1, 1), date(2026, 12, 31)):  # the compliance year or the verification year
        assert schedule_training("TR-2", 2025, " Resit ", held_on).title == "Resit"
    s = session(v1=70)
    v3 = Verifier("v3", "a2", "Zhao")
    assert refused(lambda: record_attendance(s, [v3, V1], {"a2": None, "a1": None})) == (
        Conflict, "verifier_ids[1]", "V")
    assert refused(lambda: record_attendance(s, [Verifier("v4", "a1", "Qian"), v3], {"a1": None, "a2": "barred"})) == (
        RuleViolation, "verifier_ids[1]", "V")
    assert refused(lambda: record_results(s, {"v9": 70})) == (RuleViolation, "results", "V")
    assert refused(lambda: record_results(s, {"v1": 71})) == (Conflict, "results", "V")
    for bad in (-1, 101, True):
        assert refused(lambda bad=bad: record_results(s, {"v2": bad})) == (RuleViolation, "results", "V")
    for good in (0, 100):
        assert record_results(s, {"v2": good}).results == {"v1": 70, "v2": good}


def test_v_the_best_pass_of_the_year_counts_ties_by_the_later_session(policy):
    first = session(v1=80)
    second = record_results(record_attendance(schedule_training("TR-2", 2025, "Resit", date(2026, 2, 1)), [V1],
                                              {"a1": None}), {"v1": 80})
    assert passed_training("v1", 2025, [first, second], policy) == passed_training("v1", 2025, [second, first],
                                                                                   policy)
    assert passed_training("v1", 2025, [first, second], policy).training_id == "TR-2"
    other_year = record_results(record_attendance(schedule_training("TR-9", 2024, "2024", date(2025, 2, 1)), [V1],
                                                  {"a1": None}), {"v1": 95})
    assert passed_training("v1", 2025, [other_year], policy) is None
    assert passed_training("v2", 2025, [first], policy) is None  # attended, no result
    assert "attended no training session for 2025" in training_bar("v1", 2025, [other_year], policy)


def test_v_a_training_session_keeps_the_day_it_is_held():
    assert schedule_training("TR-3", 2025, " Verification 2025 ", date(2026, 1, 12)).held_on == date(2026, 1, 12)
