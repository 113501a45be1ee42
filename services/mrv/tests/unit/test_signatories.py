"""V (docs/rules.md §9), M-13 ¶1 and M-14: only certified verifiers of filed, selected, non-blacklisted agencies may
sign, and only for the entities assigned to their agency — a conjunction of separate facts, true only once all of
them have arrived, in whatever order."""
import itertools

import pytest
from ets_shared.errors import Forbidden

from mrv.domain.signatories import VerifierDirectory, check_signatory


def full(d: VerifierDirectory, agency: str, verifier: str, cert: str, year: int = 2023) -> VerifierDirectory:
    d.record_filing(agency, "FILED")
    d.record_selection(agency, year)
    d.record_certificate(cert, verifier, agency, year)
    return d


@pytest.fixture
def directory():
    d = full(full(VerifierDirectory(), "AG-1", "V-1", "C-100"), "AG-2", "V-2", "C-200")
    d.record_assignment("E-1", 2023, "AG-1")
    d.record_assignment("E-2", 2023, "AG-2")
    return d


def refusal(directory, agency, verifier, year=2023, entity=None):
    with pytest.raises(Forbidden) as err:
        directory.check_signatory(agency, verifier, year, entity)
    assert err.value.article in ("V", "M-13")
    return err.value


def test_v_certified_verifier_of_selected_agency_may_sign(directory):
    assert directory.check_signatory("AG-1", "V-1", 2023, "E-1").certificate_no == "C-100"
    assert check_signatory(directory, "AG-2", "V-2", 2023, "E-2").certificate_no == "C-200"


def test_m13_unassigned_agencys_verification_refused(directory):
    err = refusal(directory, "AG-1", "V-1", entity="E-2")
    assert (err.field, err.article) == ("agency_id", "M-13") and "assigned to agency AG-2, not to AG-1" in err.detail
    err = refusal(directory, "AG-1", "V-1", entity="E-9")
    assert "assigned to no agency yet" in err.detail
    directory.record_assignment("E-2", 2023, "AG-1")  # a reassignment replaces the earlier one
    assert directory.check_signatory("AG-1", "V-1", 2023, "E-2")
    refusal(directory, "AG-2", "V-2", entity="E-2")


def test_v_may_sign_only_once_every_fact_has_arrived_in_any_order():
    facts = [lambda d: d.record_filing("AG-1", "FILED"), lambda d: d.record_selection("AG-1", 2023),
             lambda d: d.record_certificate("C-1", "V-1", "AG-1", 2023),
             lambda d: d.record_assignment("E-1", 2023, "AG-1")]
    for order in itertools.permutations(facts):
        d = VerifierDirectory()
        for n, fact in enumerate(order, start=1):
            fact(d)
            if n < len(facts):
                refusal(d, "AG-1", "V-1", entity="E-1")
        assert d.check_signatory("AG-1", "V-1", 2023, "E-1").certificate_no == "C-1"


def test_m14_agency_not_filed_or_no_longer_filed_refused(directory):
    directory.record_selection("AG-3", 2023)
    directory.record_certificate("C-300", "V-3", "AG-3", 2023)
    assert "not known to be filed" in refusal(directory, "AG-3", "V-3").detail
    directory.record_filing("AG-1", "SUSPENDED")
    err = refusal(directory, "AG-1", "V-1", entity="E-1")
    assert err.field == "agency_id" and "SUSPENDED" in err.detail


def test_v_agency_not_selected_by_tender_for_the_year_refused(directory):
    directory.record_filing("AG-9", "FILED")
    err = refusal(directory, "AG-9", "V-1")
    assert err.field == "agency_id" and "not selected by tender for 2023" in err.detail


def test_v_agency_selection_is_per_year(directory):
    directory.record_certificate("C-101", "V-1", "AG-1", 2024)
    assert "not selected by tender for 2024" in refusal(directory, "AG-1", "V-1", 2024).detail


def test_v_blacklisted_agency_refused_from_its_first_to_its_last_year(directory):
    for year in (2023, 2024, 2028, 2029):
        directory.record_selection("AG-1", year)
        directory.record_certificate(f"C-{year}", "V-1", "AG-1", year)
    directory.record_blacklisting("AG-1", 2024, 2028)
    assert directory.check_signatory("AG-1", "V-1", 2023)  # the year before
    for year in (2024, 2028):
        err = refusal(directory, "AG-1", "V-1", year)
        assert err.field == "agency_id" and "blacklisted for 2024-2028" in err.detail
    assert directory.check_signatory("AG-1", "V-1", 2029).certificate_no == "C-2029"  # the year after
    assert directory.agency_bars("AG-1", 2023) == [] and len(directory.agency_bars("AG-1", 2024)) == 1


def test_v_verifier_without_certificate_for_the_year_refused(directory):
    directory.record_certificate("C-300", "V-3", "AG-1", 2022)  # last year's only
    err = refusal(directory, "AG-1", "V-3")
    assert err.field == "verifier_id" and "holds no verification work certificate for 2023" in err.detail


def test_v_certificate_of_another_agency_refused(directory):
    err = refusal(directory, "AG-1", "V-2")
    assert err.field == "verifier_id" and "belongs to another agency" in err.detail and "AG-2" in err.detail


def test_v_revoked_certificate_refused(directory):
    directory.record_revocation("C-100")
    err = refusal(directory, "AG-1", "V-1")
    assert err.field == "verifier_id" and "revoked" in err.detail and "C-100" in err.detail


def test_v_revocation_may_arrive_before_the_certificate():
    d = VerifierDirectory()
    d.record_filing("AG-1", "FILED")
    d.record_selection("AG-1", 2023)
    d.record_revocation("C-100")
    d.record_certificate("C-100", "V-1", "AG-1", 2023)
    refusal(d, "AG-1", "V-1")


def test_v_a_second_valid_certificate_still_allows_signing(directory):
    directory.record_certificate("C-101", "V-1", "AG-1", 2023)
    directory.record_revocation("C-100")
    assert directory.check_signatory("AG-1", "V-1", 2023).certificate_no == "C-101"


def test_v_ineligible_verdict_bars_the_agency_for_that_year_only_with_the_reason(directory):
    directory.record_selection("AG-1", 2024)
    directory.record_certificate("C-101", "V-1", "AG-1", 2024)
    directory.record_exclusion("AG-1", 2023, "blacklisted after the 2022 evaluation")
    err = refusal(directory, "AG-1", "V-1", 2023)
    assert err.field == "agency_id" and "not eligible for 2023: blacklisted after the 2022 evaluation" in err.detail
    assert directory.check_signatory("AG-1", "V-1", 2024).certificate_no == "C-101"


def test_v_agency_bars_lists_every_missing_fact():
    assert VerifierDirectory().agency_bars("AG-1", 2023) == [
        "agency AG-1 is not known to be filed in the directory (M-14)",
        "agency AG-1 was not selected by tender for 2023"]
