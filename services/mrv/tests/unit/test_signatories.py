"""V (regulation.md §9) and M-14: only certified verifiers of selected, non-blacklisted agencies may sign."""
import pytest
from ets_shared.errors import Forbidden

from mrv.domain.signatories import VerifierDirectory, check_signatory


@pytest.fixture
def directory():
    d = VerifierDirectory()
    d.record_selection("AG-1", 2023)
    d.record_selection("AG-2", 2023)
    d.record_certificate("C-100", "V-1", "AG-1", 2023)
    d.record_certificate("C-200", "V-2", "AG-2", 2023)
    return d


def refusal(directory, agency, verifier, year=2023):
    with pytest.raises(Forbidden) as err:
        directory.check_signatory(agency, verifier, year)
    assert err.value.article == "V"
    return err.value


def test_v_certified_verifier_of_selected_agency_may_sign(directory):
    assert directory.check_signatory("AG-1", "V-1", 2023).certificate_no == "C-100"
    assert check_signatory(directory, "AG-2", "V-2", 2023).certificate_no == "C-200"


def test_v_agency_not_selected_by_tender_for_the_year_refused(directory):
    err = refusal(directory, "AG-9", "V-1")
    assert err.field == "agency_id" and "not selected by tender for 2023" in err.detail


def test_v_agency_selection_is_per_year(directory):
    directory.record_certificate("C-101", "V-1", "AG-1", 2024)
    err = refusal(directory, "AG-1", "V-1", 2024)
    assert "not eligible for 2024" in err.detail


def test_v_blacklisted_agency_refused_within_its_years(directory):
    directory.record_selection("AG-1", 2024)
    directory.record_certificate("C-101", "V-1", "AG-1", 2024)
    directory.record_blacklisting("AG-1", 2024, 2028)
    assert directory.check_signatory("AG-1", "V-1", 2023)  # year before the blacklisting
    err = refusal(directory, "AG-1", "V-1", 2024)
    assert err.field == "agency_id" and "blacklisted for 2024-2028" in err.detail
    assert not directory.agency_eligible("AG-1", 2024)
    assert directory.agency_eligible("AG-1", 2023)


def test_v_blacklisting_covers_its_last_year_only(directory):
    for year in (2028, 2029):
        directory.record_selection("AG-1", year)
        directory.record_certificate(f"C-{year}", "V-1", "AG-1", year)
    directory.record_blacklisting("AG-1", 2024, 2028)
    refusal(directory, "AG-1", "V-1", 2028)
    assert directory.check_signatory("AG-1", "V-1", 2029).certificate_no == "C-2029"


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
    d.record_selection("AG-1", 2023)
    d.record_revocation("C-100")
    d.record_certificate("C-100", "V-1", "AG-1", 2023)
    refusal(d, "AG-1", "V-1")


def test_v_a_second_valid_certificate_still_allows_signing(directory):
    directory.record_certificate("C-101", "V-1", "AG-1", 2023)
    directory.record_revocation("C-100")
    assert directory.check_signatory("AG-1", "V-1", 2023).certificate_no == "C-101"


def test_v_directory_can_be_built_from_rows():
    from mrv.domain.signatories import AgencySelection, VerifierCertificate
    d = VerifierDirectory(selections={AgencySelection("AG-1", 2023)},
                          certificates={"C-1": VerifierCertificate("C-1", "V-1", "AG-1", 2023)})
    assert d.check_signatory("AG-1", "V-1", 2023).certificate_no == "C-1"


def test_v_excluded_agency_refused_for_that_year_only_with_the_reason(directory):
    directory.record_selection("AG-1", 2024)
    directory.record_certificate("C-101", "V-1", "AG-1", 2024)
    directory.record_exclusion("AG-1", 2023, "blacklisted after the 2022 evaluation")
    err = refusal(directory, "AG-1", "V-1", 2023)
    assert err.field == "agency_id" and "not eligible for 2023: blacklisted after the 2022 evaluation" in err.detail
    assert not directory.agency_eligible("AG-1", 2023)
    assert directory.check_signatory("AG-1", "V-1", 2024).certificate_no == "C-101"


def test_v_exclusion_wins_over_a_selection_for_the_same_year(directory):
    directory.record_exclusion("AG-2", 2023, "de-selected")
    directory.record_selection("AG-2", 2023)
    assert "de-selected" in refusal(directory, "AG-2", "V-2").detail
