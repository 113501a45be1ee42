"""M-14 filing and public directory; V tender awards; agency suspension."""
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.agencies import (
    Agency, AgencyStatus, BlacklistEntry, TenderAward, award_tender, blacklisted_for, deregister_agency, file_agency,
    lift_suspension, public_directory, suspend_agency,
)

T0 = datetime(2024, 1, 10, 2, 0, tzinfo=timezone.utc)
CODE_A = "91310000MA1FL00001"
CODE_B = "91310000MA1FL00002"


def agency(agency_id="a1", code=CODE_A, status=AgencyStatus.FILED):
    return Agency(agency_id, f"Agency {agency_id}", code, T0, status)


def test_m14_agency_filing_puts_it_in_the_public_directory():
    a = file_agency("a1", "  Shanghai Verify Co.  ", CODE_A, T0, directory=[])
    assert a == Agency("a1", "Shanghai Verify Co.", CODE_A, T0, AgencyStatus.FILED)
    b = file_agency("a2", "Alpha Verify", CODE_B, T0, directory=[a])
    assert [x.agency_id for x in public_directory([a, b])] == ["a2", "a1"]  # by name


def test_m14_agency_cannot_be_filed_twice():
    a = agency()
    with pytest.raises(Conflict) as e:
        file_agency("a1", "Other", CODE_B, T0, directory=[a])
    assert e.value.field == "agency_id"
    with pytest.raises(Conflict) as e:
        file_agency("a2", "Other", CODE_A, T0, directory=[a])
    assert e.value.field == "credit_code" and e.value.article == "M-14"


def test_m14_credit_code_of_a_deregistered_agency_may_be_filed_again():
    old = deregister_agency(agency())
    new = file_agency("a9", "Reborn", CODE_A, T0, directory=[old])
    assert new.status is AgencyStatus.FILED


@pytest.mark.parametrize("code", ["91310000MA1FL0000", "91310000MA1FL000011", "91310000ma1fl00001", ""])
def test_m14_filing_needs_an_18_character_credit_code(code):
    with pytest.raises(RuleViolation) as e:
        file_agency("a1", "X", code, T0, directory=[])
    assert e.value.field == "credit_code"


def test_m14_filing_needs_a_name():
    with pytest.raises(RuleViolation) as e:
        file_agency("a1", "  ", CODE_A, T0, directory=[])
    assert e.value.field == "name"


def test_m14_deregistered_agency_leaves_the_directory_but_suspended_stays():
    gone = deregister_agency(agency("a1"))
    suspended = suspend_agency(agency("a2", CODE_B))
    assert [a.agency_id for a in public_directory([gone, suspended])] == ["a2"]
    with pytest.raises(Conflict):
        deregister_agency(gone)


def test_v_agency_suspension_and_lifting_follow_the_status():
    s = suspend_agency(agency())
    assert s.status is AgencyStatus.SUSPENDED
    with pytest.raises(Conflict):
        suspend_agency(s)
    assert lift_suspension(s).status is AgencyStatus.FILED
    with pytest.raises(Conflict):
        lift_suspension(agency())
    with pytest.raises(Conflict):
        suspend_agency(deregister_agency(agency()))


def test_v_tender_award_selects_a_filed_agency_for_a_year():
    assert award_tender(agency(), 2024, awards=[], blacklist=[]) == TenderAward("a1", 2024)
    # a different year is a different award
    assert award_tender(agency(), 2025, awards=[TenderAward("a1", 2024)], blacklist=[]).year == 2025


def test_v_tender_award_given_once_per_agency_and_year():
    with pytest.raises(Conflict):
        award_tender(agency(), 2024, awards=[TenderAward("a1", 2024)], blacklist=[])


@pytest.mark.parametrize("status", [AgencyStatus.SUSPENDED, AgencyStatus.DEREGISTERED])
def test_m14_only_filed_agency_can_win_the_tender(status):
    with pytest.raises(RuleViolation) as e:
        award_tender(agency(status=status), 2024, awards=[], blacklist=[])
    assert e.value.field == "agency_id"


def test_v_blacklisted_agency_cannot_win_the_tender_until_its_years_end():
    entry = BlacklistEntry("a1", evaluated_year=2023, from_year=2024, to_year=2028, reason="FAIL")
    for year in (2024, 2028):
        with pytest.raises(RuleViolation) as e:
            award_tender(agency(), year, awards=[], blacklist=[entry])
        assert e.value.article == "V" and e.value.field == "agency_id"
    assert award_tender(agency(), 2029, awards=[], blacklist=[entry]) == TenderAward("a1", 2029)
    assert award_tender(agency(), 2023, awards=[], blacklist=[entry]) == TenderAward("a1", 2023)


def test_v_blacklist_entry_covers_its_years_inclusive_and_only_its_agency():
    entry = BlacklistEntry("a1", 2023, 2024, 2028, "FAIL")
    assert [y for y in range(2022, 2031) if entry.covers(y)] == [2024, 2025, 2026, 2027, 2028]
    assert blacklisted_for("a1", 2026, [entry]) is entry
    assert blacklisted_for("a2", 2026, [entry]) is None
    assert blacklisted_for("a1", 2029, [entry]) is None
