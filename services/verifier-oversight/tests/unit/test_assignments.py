"""M-13 ¶1 (the authority commissions the agency): assignment to an eligible, competent agency free of conflicts of
interest, load-balanced proposals, reassignment, and each engagement's progress."""
from datetime import timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict

from verifier_oversight.domain.assignments import (
    AdvisoryRelation, Candidate, Engagement, capacities, conflict_bar, next_engagement, propose,
)
from verifier_oversight.domain.policy import OversightPolicy

from .conftest import T0


@pytest.mark.parametrize(("verified", "refused"), [
    ({2022, 2023, 2024}, True),  # Y would be the 4th consecutive year
    ({2023, 2024}, False),
    ({2021, 2022, 2024}, False),  # a gap restarts the count
    ({2022, 2023}, False),  # not the year just before
])
def test_m13_agency_verifies_one_entity_at_most_3_consecutive_years(verified, refused, policy):
    bar = conflict_bar("a1", "E-1", 2025, [], verified, policy)
    assert (bar is not None) is refused
    if refused:
        assert "3 consecutive years before 2025" in bar
    assert conflict_bar("a1", "E-1", 2025, [], {2023, 2024}, OversightPolicy(year=2025, max_consecutive_years=2))


@pytest.mark.parametrize(("from_year", "to_year", "refused"), [
    (2020, 2022, True),  # ended in Y-3: still within the cooling-off
    (2019, 2021, False),  # ended in Y-4
    (2026, None, True),  # advising during the verification year
    (2027, None, False),  # starts after the verification year
    (2015, None, True),  # ongoing
])
def test_m13_agency_that_advised_the_entity_may_not_verify_it(from_year, to_year, refused, policy):
    relation = AdvisoryRelation("a1", "E-1", from_year, to_year, "energy audit")
    assert (conflict_bar("a1", "E-1", 2025, [relation], set(), policy) is not None) is refused
    assert conflict_bar("a2", "E-1", 2025, [relation], set(), policy) is None
    assert conflict_bar("a1", "E-2", 2025, [relation], set(), policy) is None


def engagement(**kw) -> Engagement:
    return Engagement("E-1", 2025, "a1", 1, "assigned", T0, **kw)


def test_m13_reassignment_is_the_next_revision_until_the_verification_is_filed():
    first = next_engagement(None, "E-1", 2025, "a1", "least loaded", T0)
    assert (first.revision, first.assignment_id) == (1, "ASG-E-1-2025-1")
    second = next_engagement(first, "E-1", 2025, "a2", "a1 blacklisted", T0)
    assert (second.revision, second.agency_id, second.assignment_id) == (2, "a2", "ASG-E-1-2025-2")
    with pytest.raises(Conflict):
        next_engagement(second, "E-1", 2025, "a2", "same", T0)
    with pytest.raises(Conflict, match="already filed"):
        next_engagement(engagement(verified_at=T0), "E-1", 2025, "a2", "late change", T0)


def test_v_engagement_open_until_verified_or_missing_and_every_recheck_determined():
    assert engagement().open and engagement().stage == "awaiting verification"
    assert not engagement(verified_at=T0).open
    assert not engagement(missing_at=T0).open
    in_recheck = engagement(verified_at=T0, recheck_opened_at=T0 + timedelta(days=1))
    assert in_recheck.open and in_recheck.stage == "in re-check"
    done = engagement(verified_at=T0, recheck_opened_at=T0, determined_at=T0 + timedelta(days=20))
    assert not done.open and done.stage == "determined"
    corrected_again = engagement(verified_at=T0, recheck_opened_at=T0 + timedelta(days=30),
                                 determined_at=T0 + timedelta(days=20))
    assert corrected_again.open


def candidates(**loads) -> list[Candidate]:
    caps = capacities([("a1", Decimal(10), ["industry"]), ("a2", Decimal(20), ["industry", "power"]),
                       ("a3", Decimal(5), ["aviation"]), ("a1", Decimal(5), ["power"])])
    return [Candidate(a, s, c, loads.get(a, 0)) for a, (c, s) in sorted(caps.items())]


def test_m13_bulk_proposal_balances_load_in_proportion_to_awarded_volume():
    assert capacities([("a1", Decimal(10), ["industry"]), ("a1", Decimal(5), ["power"])])["a1"] == (
        Decimal(15), frozenset({"industry", "power"}))
    entities = [(f"E-{n:02d}", "industry") for n in range(30)]
    placed, unplaced = propose(2025, entities, candidates(), lambda agency, entity: None)
    counts = {a: sum(1 for p in placed if p.agency_id == a) for a in ("a1", "a2")}
    assert unplaced == [] and counts == {"a1": 13, "a2": 17}  # capacities 15 : 20 share 30 entities 12.9 : 17.1
    assert placed[0].reason.startswith("least loaded competent agency for industry")


def test_m13_proposal_respects_competence_conflicts_and_existing_load():
    entities = [("E-1", "aviation"), ("E-2", "power"), ("E-3", "cement"), ("E-4", "power")]
    placed, unplaced = propose(2025, entities, candidates(a1=0, a2=40),
                               lambda agency, entity: "advised it" if (agency, entity) == ("a1", "E-4") else None)
    assert {(p.entity_id, p.agency_id) for p in placed} == {("E-1", "a3"), ("E-2", "a1"), ("E-4", "a2")}
    [cement] = unplaced
    assert cement.entity_id == "E-3" and "not selected for sector cement" in cement.reason


def test_m13_entity_no_agency_may_take_is_listed_with_each_reason():
    _, [left] = propose(2025, [("E-1", "aviation")], candidates(), lambda agency, entity: f"{agency} conflicted")
    assert "a3 conflicted" in left.reason and "a1: not selected" not in left.reason
    _, [none] = propose(2025, [("E-1", "industry")], [], lambda agency, entity: None)
    assert "no agency is selected for 2025" in none.reason


def test_m13_a_refused_reassignment_names_its_field_and_article():
    with pytest.raises(Conflict) as e:
        next_engagement(engagement(), "E-1", 2025, "a1", "same", T0)
    assert (e.value.field, e.value.article) == ("agency_id", "M-13")
    with pytest.raises(Conflict) as e:
        next_engagement(engagement(verified_at=T0, missing_at=None), "E-1", 2025, "a2", "late change", T0)
    assert (e.value.field, e.value.article) == ("entity_id", "M-13")
    # found missing, never verified: another agency may still be assigned
    again = next_engagement(Engagement("E-1", 2025, "a1", 4, "assigned", T0, missing_at=T0), "E-1", 2025, "a2",
                            " a1 failed ", T0,
                            proposal_id="P-7")
    assert again == Engagement("E-1", 2025, "a2", 5, " a1 failed ", T0, "P-7")
    assert (again.verified_at, again.missing_at, again.recheck_opened_at, again.determined_at) == (None,) * 4


def test_v_an_engagement_s_stage_after_its_verification_or_its_absence():
    assert engagement(missing_at=T0).stage == "verification missing"
    assert engagement(verified_at=T0).stage == "verified"
    same_instant = engagement(verified_at=T0, recheck_opened_at=T0 + timedelta(days=1),
                              determined_at=T0 + timedelta(days=1))
    assert not same_instant.open and same_instant.stage == "determined"
    unverified_recheck = engagement(recheck_opened_at=T0)
    assert unverified_recheck.open and unverified_recheck.stage == "awaiting verification"


def test_m13_advice_in_the_verification_year_or_ending_in_the_cooling_off_is_a_conflict(policy):
    def bar(from_year, to_year, cooling_off=3):
        relation = AdvisoryRelation("a1", "E-1", from_year, to_year, "energy audit")
        return conflict_bar("a1", "E-1", 2025, [relation], set(),
                            OversightPolicy(year=2025, advisory_cooling_off_years=cooling_off))

    assert bar(2026, 2026) is not None and bar(2027, 2027) is None
    assert bar(2010, 2022) is not None and bar(2010, 2021) is None
    assert bar(2010, 2024, cooling_off=0) is None and bar(2010, 2025, cooling_off=0) is not None
    assert bar(2010, 2023, cooling_off=1) is None
    assert "advised E-1 (2010-ongoing: energy audit); conflict of interest for 2025" in bar(2010, None)
    assert conflict_bar("a1", "E-1", 2025, [], [2024], OversightPolicy(year=2025, max_consecutive_years=1))
    assert conflict_bar("a1", "E-1", 2025, [], [2023], OversightPolicy(year=2025, max_consecutive_years=1)) is None


def test_m13_proposal_ties_go_to_the_agency_id_and_scarce_entities_are_placed_first():
    even = [Candidate("b", frozenset({"power"}), Decimal(10), 0), Candidate("a", frozenset({"power"}), Decimal(10), 0)]
    placed, _ = propose(2025, [("E-1", "power")], even, lambda agency, entity: None)
    assert [(p.entity_id, p.agency_id) for p in placed] == [("E-1", "a")]
    assert placed[0].reason == "least loaded competent agency for power: 1 of 10 awarded"
    # E-2 may only go to b; placed first, it makes b the more loaded one, so E-1 goes to a
    placed, _ = propose(2025, [("E-1", "power"), ("E-2", "power")], even,
                        lambda agency, entity: "conflict" if (agency, entity) == ("a", "E-2") else None)
    assert [(p.entity_id, p.agency_id) for p in placed] == [("E-1", "a"), ("E-2", "b")]
    loaded = [Candidate("a", frozenset({"power"}), Decimal(10), 3), Candidate("b", frozenset({"power"}), Decimal(4), 1)]
    placed, _ = propose(2025, [("E-1", "power")], loaded, lambda agency, entity: None)
    assert placed[0].agency_id == "a" and placed[0].reason.endswith("4 of 10 awarded")  # 4/10 < 2/4
    placed, unplaced = propose(2025, [("E-9", "power"), ("E-3", "power"), ("E-5", "heat")], even,
                               lambda agency, entity: None)
    assert [p.entity_id for p in placed] == ["E-3", "E-9"] and [u.entity_id for u in unplaced] == ["E-5"]
    assert unplaced[0].reason == ("no agency may take E-5 (heat): agency b was not selected for sector heat in 2025; "
                                  "agency a was not selected for sector heat in 2025")


def test_m13_proposal_weighs_the_load_after_placing_the_entity():
    big = Candidate("a", frozenset({"power"}), Decimal(10), 5)  # 6/10 after placing
    small = Candidate("b", frozenset({"power"}), Decimal(2), 0)  # 1/2 after placing
    placed, _ = propose(2025, [("E-1", "power")], [big, small], lambda agency, entity: None)
    assert placed[0].agency_id == "b" and placed[0].reason.endswith("1 of 2 awarded")


def test_m13_proposal_places_the_entity_with_fewer_agencies_first_whatever_its_id():
    even = [Candidate("a", frozenset({"power"}), Decimal(10), 0), Candidate("b", frozenset({"power"}), Decimal(10), 0)]
    # E-2 may only go to a; placed first (before E-1), it makes a the more loaded one, so E-1 goes to b
    placed, _ = propose(2025, [("E-1", "power"), ("E-2", "power")], even,
                        lambda agency, entity: "conflict" if (agency, entity) == ("b", "E-2") else None)
    assert [(p.entity_id, p.agency_id) for p in placed] == [("E-1", "b"), ("E-2", "a")]


def test_m13_proposal_lists_every_entity_no_agency_may_take_by_its_id():
    even = [Candidate("a", frozenset({"power"}), Decimal(10), 0)]
    placed, unplaced = propose(2025, [("E-9", "heat"), ("E-1", "heat")], even, lambda agency, entity: None)
    assert placed == [] and [u.entity_id for u in unplaced] == ["E-1", "E-9"]
