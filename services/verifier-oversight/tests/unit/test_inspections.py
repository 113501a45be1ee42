"""V: on-site inspections: random sampling combined with targeted selection; experts; on-site record; findings."""
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain.evaluation import DeductionSource, Evaluation
from verifier_oversight.domain.inspections import (
    Finding, Inspection, InspectionDraw, Severity, apply_inspection_findings, draw_inspection_sample,
    random_sample_size, record_inspection, verify_draw,
)
from verifier_oversight.domain.policy import INSPECTION_MAJOR, INSPECTION_MINOR, OversightPolicy

POLICY = OversightPolicy(year=2024)


def population(n):
    return [f"e{i:03d}" for i in range(n)]


def test_v_inspection_sample_is_every_targeted_plus_ten_percent_random():
    draw = draw_inspection_sample(population(100), ["e005", "e050", "e099", "e000", "e077"], seed=42, policy=POLICY)
    assert draw.targeted_ids == ("e000", "e005", "e050", "e077", "e099")
    assert len(draw.random_ids) == 10  # ceil(0.10 x 95) = ceil(9.5)
    assert not set(draw.random_ids) & set(draw.targeted_ids)
    assert set(draw.all_ids) == set(draw.random_ids) | set(draw.targeted_ids)
    assert list(draw.all_ids) == sorted(draw.all_ids) and len(draw.all_ids) == 15


@pytest.mark.parametrize("remaining, expected", [
    (0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (20, 2), (21, 3), (30, 3), (95, 10), (100, 10),
])
def test_v_random_part_is_ceil_of_ratio_with_minimum_one(remaining, expected):
    assert random_sample_size(remaining, POLICY) == expected


def test_v_ten_percent_of_thirty_is_exactly_three_not_four():
    float_policy = OversightPolicy(year=2024, random_ratio=0.1)  # type: ignore[arg-type]
    assert random_sample_size(30, float_policy) == 3 == random_sample_size(30, POLICY)


def test_v_sampling_ratio_and_minimum_are_policy_parameters():
    p = OversightPolicy(year=2024, random_ratio=Decimal("0.25"), random_minimum=3)
    assert [random_sample_size(n, p) for n in (0, 2, 3, 12, 13, 100)] == [0, 2, 3, 3, 4, 25]
    none = OversightPolicy(year=2024, random_ratio=Decimal(0), random_minimum=0)
    assert draw_inspection_sample(population(10), ["e001"], 1, none).all_ids == ("e001",)


def test_v_all_targeted_leaves_no_random_draw():
    draw = draw_inspection_sample(["e1", "e2"], ["e2", "e1"], seed=7, policy=POLICY)
    assert draw.random_ids == () and draw.all_ids == ("e1", "e2")


def test_v_inspection_draw_is_reproducible_from_its_seed():
    a = draw_inspection_sample(population(200), ["e010"], seed=2024, policy=POLICY)
    shuffled = list(reversed(population(200))) + ["e003"]  # order and duplicates do not matter
    b = draw_inspection_sample(shuffled, ["e010", "e010"], seed=2024, policy=POLICY)
    assert a == b
    others = {draw_inspection_sample(population(200), ["e010"], seed=s, policy=POLICY).random_ids for s in range(5)}
    assert len(others) > 1  # the seed drives the draw
    assert a.seed == 2024 and a.population_ids == tuple(population(200))


def test_v_recorded_draw_can_be_verified_and_tampering_detected():
    draw = draw_inspection_sample(population(50), ["e001"], seed=99, policy=POLICY)
    assert verify_draw(draw, POLICY)
    swapped = next(e for e in draw.population_ids if e not in draw.all_ids)
    forged = InspectionDraw(draw.seed, (swapped,) + draw.random_ids[1:], draw.targeted_ids,
                            tuple(sorted(draw.targeted_ids + (swapped,) + draw.random_ids[1:])), draw.population_ids)
    assert not verify_draw(forged, POLICY)


def test_v_targeted_entity_must_be_in_the_population():
    with pytest.raises(RuleViolation) as e:
        draw_inspection_sample(population(5), ["x9"], seed=1, policy=POLICY)
    assert e.value.field == "targeted_ids" and e.value.article == "V"


def inspect(experts=("exp1", "exp2"), record="visited the boiler house; checked meters", findings=(), draw=None,
            entity="e001", policy=POLICY):
    return record_inspection("i1", "a1", entity, 2024, experts, record, findings, policy, draw)


def test_v_inspection_needs_at_least_two_experts():
    with pytest.raises(RuleViolation) as e:
        inspect(experts=("exp1",))
    assert e.value.field == "experts" and e.value.article == "V"
    with pytest.raises(RuleViolation):
        inspect(experts=("exp1", " exp1 ", ""))  # the same expert twice, and a blank, count once / not at all
    assert inspect().experts == ("exp1", "exp2")
    with pytest.raises(RuleViolation):
        inspect(policy=OversightPolicy(year=2024, experts_per_inspection_min=3))


def test_v_inspection_needs_an_on_site_record():
    with pytest.raises(RuleViolation) as e:
        inspect(record="  ")
    assert e.value.field == "record"


def test_v_inspection_findings_are_checked():
    with pytest.raises(RuleViolation) as e:
        inspect(findings=[Finding(Severity.MINOR, "ok"), Finding(Severity.MAJOR, " ")])
    assert e.value.field == "findings[1].description"
    with pytest.raises(RuleViolation) as e:
        inspect(findings=[Finding("CRITICAL", "x")])  # type: ignore[arg-type]
    assert e.value.field == "findings[0].severity"
    assert inspect(findings=[Finding("MAJOR", "meter uncalibrated")]).findings == (
        Finding(Severity.MAJOR, "meter uncalibrated"),)


def test_v_inspected_entity_must_come_from_the_draw_when_given():
    draw = draw_inspection_sample(population(20), ["e001"], seed=5, policy=POLICY)
    assert inspect(draw=draw).entity_id == "e001"
    outside = next(e for e in draw.population_ids if e not in draw.all_ids)
    with pytest.raises(RuleViolation) as e:
        inspect(draw=draw, entity=outside)
    assert e.value.field == "entity_id"


def test_v_inspection_findings_deduct_from_the_agencys_evaluation():
    insp = inspect(findings=[Finding(Severity.MAJOR, "wrong factor"), Finding(Severity.MINOR, "typo"),
                             Finding(Severity.MINOR, "missing photo")])
    ev = apply_inspection_findings(Evaluation("a1", 2024), insp, POLICY)
    assert [d.code for d in ev.deductions] == [INSPECTION_MAJOR, INSPECTION_MINOR, INSPECTION_MINOR]
    assert {d.source for d in ev.deductions} == {DeductionSource.INSPECTION}
    assert {d.reference for d in ev.deductions} == {"i1"}
    assert ev.score == 100 - POLICY.deduction_points(INSPECTION_MAJOR) - 2 * POLICY.deduction_points(INSPECTION_MINOR)
    with pytest.raises(Conflict):
        apply_inspection_findings(ev, insp, POLICY)
    assert apply_inspection_findings(Evaluation("a1", 2024), inspect(), POLICY).score == 100


def test_v_inspection_findings_apply_only_to_same_agency_and_year():
    insp = Inspection("i1", "a1", "e1", 2024, ("x", "y"), "r", (Finding(Severity.MINOR, "m"),))
    for ev in (Evaluation("a2", 2024), Evaluation("a1", 2023)):
        with pytest.raises(RuleViolation) as e:
            apply_inspection_findings(ev, insp, OversightPolicy(year=ev.year))
        assert e.value.field == "inspection_id"


def test_v_inspection_draw_algorithm_is_pinned_so_recorded_draws_stay_reproducible():
    # random.Random(seed).sample over the sorted remaining population: changing the algorithm would make
    # earlier recorded draws unverifiable, so the exact outcome for one seed is fixed here.
    draw = draw_inspection_sample(population(30), ["e000"], seed=2024, policy=POLICY)
    assert draw.random_ids == ("e006", "e016", "e024")
    assert draw.all_ids == ("e000", "e006", "e016", "e024")
