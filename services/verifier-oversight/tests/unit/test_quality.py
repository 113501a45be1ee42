"""V (事后, 复核审定的结果): the automatic deductions mrv's events imply — late and missing verification, a
determination corrected in re-check (scaled by how far), a material misstatement the verification missed."""
from decimal import Decimal

import pytest

from verifier_oversight.domain import quality
from verifier_oversight.domain.evaluation import DeductionSource
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.scoring import MATERIAL_MISSTATEMENT_MISSED, RECHECK_CORRECTED

from .conftest import T0


def facts(reported: int, verified: int, determined: int, recheck: bool = True, revision: int = 2):
    return quality.DeterminationFacts("DET-1", "E-1", 2025, "a1", revision, recheck, reported, verified, determined)


def test_v_late_verification_deducts_once_per_engagement(table):
    d = quality.late_verification("a1", "E-1", 2025, "VER-1", T0, table)
    assert (d.deduction_id, d.code, d.points, d.source) == ("LATE_VERIFICATION-E-1-2025", "LATE_VERIFICATION", 5,
                                                             DeductionSource.EVENT)
    assert d.reference == "VER-1" and "after the deadline" in d.evidence[0]


def test_v_missing_verification_deducts_from_the_agency(table):
    d = quality.missing_verification("a1", "E-1", 2025, "2026-04-30", "RPT-E-1-2025", T0, table)
    assert (d.deduction_id, d.points, d.entity_id, d.reference) == ("MISSING_VERIFICATION-E-1-2025", 10, "E-1",
                                                                    "RPT-E-1-2025")
    assert "by 2026-04-30" in d.reason


@pytest.mark.parametrize(("verified", "determined", "points"), [
    (100_000, 104_999, 2), (100_000, 105_000, 5), (100_000, 109_999, 5), (100_000, 110_000, 10),
    (100_000, 80_001, 10), (100_000, 80_000, 20), (100_000, 100_001, 2),
])
def test_v_recheck_correction_points_scale_with_the_correction_both_sides_of_each_band(verified, determined, points,
                                                                                        policy, table):
    d = quality.determination_deductions(facts(verified, verified, determined), T0, policy, table)[RECHECK_CORRECTED]
    assert d.points == points and d.measure == Decimal(abs(determined - verified)) / verified


def test_v_no_recheck_deduction_without_a_correction(policy, table):
    same = quality.determination_deductions(facts(100, 100, 100), T0, policy, table)
    plain = quality.determination_deductions(facts(100, 100, 120, recheck=False), T0, policy, table)
    assert same == plain == {RECHECK_CORRECTED: None, MATERIAL_MISSTATEMENT_MISSED: None}


@pytest.mark.parametrize(("reported", "verified", "determined", "missed"), [
    (95_000, 95_000, 100_000, True),  # report 5% under the determined figure, the verification agreed with it
    (95_001, 95_001, 100_000, False),  # 4.999%: not material
    (95_000, 95_001, 100_000, False),  # the verification corrected 1 t: 4.999% left, no longer material
    (105_000, 94_000, 100_000, True),  # the report was 5% over, the verification 6% under: still material
    (95_000, 99_999, 100_000, False),  # the verification found nearly all of it
])
def test_v_material_misstatement_missed_when_the_verified_figure_is_still_materially_wrong(
        reported, verified, determined, missed, policy, table):
    d = quality.determination_deductions(facts(reported, verified, determined), T0, policy, table)
    assert (d[MATERIAL_MISSTATEMENT_MISSED] is not None) is missed
    if missed:
        assert d[MATERIAL_MISSTATEMENT_MISSED].points == 15


def test_v_a_verified_zero_counts_as_one_tonne(policy, table):
    d = quality.determination_deductions(facts(0, 0, 10), T0, policy, table)[RECHECK_CORRECTED]
    assert d.measure == Decimal(10) and d.points == 20


def test_v_a_late_verification_is_charged_to_the_agency_for_the_entity_year_when_filed(table):
    d = quality.late_verification("a7", "E-9", 2024, "VER-9", T0, table)
    assert (d.deduction_id, d.agency_id, d.year, d.code, d.source, d.recorded_at, d.table_version, d.reference,
            d.entity_id) == ("LATE_VERIFICATION-E-9-2024", "a7", 2024, "LATE_VERIFICATION", DeductionSource.EVENT, T0,
                             0, "VER-9", "E-9")
    assert d.evidence == (f"mrv verification VER-9 filed {T0.isoformat()} after the deadline",)
    assert d.reason == "verification report on E-9 for 2024 filed late (M-13)"


def test_v_a_missing_verification_is_charged_to_the_agency_for_the_entity_year_when_found(table):
    d = quality.missing_verification("a7", "E-9", 2024, "2025-04-30", "RPT-E-9-2024", T0, table)
    assert (d.deduction_id, d.agency_id, d.year, d.code, d.source, d.recorded_at, d.table_version, d.reference,
            d.entity_id) == ("MISSING_VERIFICATION-E-9-2024", "a7", 2024, "MISSING_VERIFICATION",
                             DeductionSource.EVENT, T0, 0, "RPT-E-9-2024", "E-9")
    assert d.evidence == (f"mrv found the verification missing at {T0.isoformat()}",)


def test_v_a_corrected_determination_deducts_from_the_agency_that_verified_with_its_evidence(policy, table):
    f = quality.DeterminationFacts("DET-7", "E-9", 2024, "a7", 3, True, 95_000, 95_000, 100_000)
    out = quality.determination_deductions(f, T0, policy, table)
    evidence = ("mrv determination DET-7 revision 3: reported 95000 t, verified 95000 t, determined 100000 t",)
    for code, d in out.items():
        assert (d.deduction_id, d.agency_id, d.year, d.code, d.source, d.recorded_at, d.reference, d.entity_id,
                d.evidence) == (f"{code}-E-9-2024", "a7", 2024, code, DeductionSource.EVENT, T0, "DET-7", "E-9",
                                evidence)
    assert out[RECHECK_CORRECTED].measure == Decimal(5_000) / 95_000
    assert out[MATERIAL_MISSTATEMENT_MISSED].measure is None
    assert quality.withdrawal_reason(f).startswith("determination DET-7 (revision 3) no longer shows this")


def test_v_a_material_miss_needs_the_determination_to_differ_from_both_report_and_verification():
    policy = OversightPolicy(year=2025, materiality_ratio=Decimal("0.6"))
    assert facts(100_000, 30_000, 100_000).material_miss(policy) is False  # the report was right
    assert facts(50_000, 100_000, 100_000).material_miss(policy) is False  # the verification was right
    # determined 0 t: the threshold is the ratio of 1 t, so a 1 t report and verification both missed it
    assert facts(1, 1, 0).material_miss(policy) is True
