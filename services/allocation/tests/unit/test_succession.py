"""M-10: split plans account for exactly 100 % (99.99 % refused), and the rounding rule gives every unit to exactly
one successor."""
from __future__ import annotations

from decimal import Decimal

import pytest

from allocation.domain import Obligation, ObligationStatus
from allocation.domain.succession import Facility, SuccessionKind, apportion, check_plan, successor_shares
from ets_shared.errors import RuleViolation

D = Decimal


def _plan(a: str, b: str) -> list[Facility]:
    return [Facility("KILN-1", "E-A", D(a), D(a)), Facility("KILN-2", "E-B", D(b), D("100") - D(a))]


def test_m10_split_plan_of_99_99_pct_refused_100_pct_accepted():
    check_plan(SuccessionKind.SPLIT, ["E-0"], None, _plan("60", "40"))
    with pytest.raises(RuleViolation) as short:
        check_plan(SuccessionKind.SPLIT, ["E-0"], None, _plan("60", "39.99"))
    assert (short.value.field, short.value.article) == ("facilities.holdings_share", "M-10")
    with pytest.raises(RuleViolation):
        check_plan(SuccessionKind.SPLIT, ["E-0"], None, _plan("60", "40.01"))


def test_m10_merger_and_split_shapes():
    check_plan(SuccessionKind.MERGER, ["E-1", "E-2"], "E-3", [])
    for args in ((["E-1"], None, []), (["E-1"], "E-1", []), (["E-1", "E-1"], "E-3", [])):
        with pytest.raises(RuleViolation):
            check_plan(SuccessionKind.MERGER, *args)
    with pytest.raises(RuleViolation):  # one successor is no split
        check_plan(SuccessionKind.SPLIT, ["E-0"], None, [Facility("K", "E-A", D(100), D(100))])


def test_m10_rounding_largest_remainder_ties_to_the_first_listed():
    assert apportion(101, [("A", D(50)), ("B", D(50))]) == {"A": 51, "B": 50}
    assert apportion(10, [("A", D("33.3333")), ("B", D("33.3333")), ("C", D("33.3334"))]) == {"A": 3, "B": 3, "C": 4}
    assert apportion(7, [("A", D("0.01")), ("B", D("99.99"))]) == {"A": 0, "B": 7}
    for q in (0, 1, 2, 3, 999, 10**9 + 7):
        assert sum(apportion(q, [("A", D("12.5")), ("B", D("37.5")), ("C", D(50))]).values()) == q


def test_m10_obligation_passed_on_and_inherited():
    pred = Obligation("E-0", 2025, 100, 1, surrendered_shea=40, correlation_id="case-1")
    pred.pass_on(60)
    assert (pred.remaining, pred.status) == (0, ObligationStatus.PASSED_ON)
    heir = Obligation("E-1", 2025, correlation_id="case-1")
    heir.inherit(60, None, None)
    assert (heir.is_determined, heir.total, heir.remaining, heir.status) == (True, 60, 60, ObligationStatus.OPEN)


MERGER, SPLIT = SuccessionKind.MERGER, SuccessionKind.SPLIT


@pytest.mark.parametrize(("kind", "predecessors", "successor", "facilities", "field"), [
    (MERGER, [], "E-3", [], "predecessor_ids"),  # no predecessor
    (MERGER, ["E-1", "E-1"], "E-3", [], "predecessor_ids"),  # one named twice
    (MERGER, ["E-1", "E-2"], None, [], "successor_id"),  # no surviving or new unit
    (MERGER, ["E-1", "E-2"], "E-2", [], "successor_id"),  # the survivor listed as a predecessor
    (MERGER, ["E-1", "E-2"], "E-3", _plan("60", "40"), "facilities"),  # facilities belong to a split
    (SPLIT, ["E-0", "E-1"], None, _plan("60", "40"), "predecessor_ids"),  # a split divides one entity
    (SPLIT, ["E-0"], "E-A", _plan("60", "40"), "successor_id"),  # its successors come from the facilities
    (SPLIT, ["E-0"], None, [Facility("K", "E-A", D(100), D(100))], "facilities"),  # one unit is no split
    (SPLIT, ["E-0"], None, [Facility("K", "E-A", D(60), D(60)), Facility("K", "E-B", D(40), D(40))],
     "facilities"),  # a facility given twice
    (SPLIT, ["E-0"], None, [Facility("K1", "E-A", D(60), D(60)), Facility("K2", "E-B", D(40), D("39.99"))],
     "facilities.obligations_share"),  # the holdings add up, the obligations do not
])
def test_m10_a_refused_plan_names_its_field_and_m10(kind, predecessors, successor, facilities, field):
    with pytest.raises(RuleViolation) as refused:
        check_plan(kind, predecessors, successor, facilities)
    assert (refused.value.field, refused.value.article) == (field, "M-10")


def test_m10_a_split_to_two_units_may_give_one_of_them_several_facilities():
    check_plan(SPLIT, ["E-0"], None, [Facility("K1", "E-A", D(30), D(30)), Facility("K2", "E-A", D(30), D(30)),
                                      Facility("K3", "E-B", D(40), D(40))])


def test_m10_each_successors_share_is_the_sum_of_its_facilities_in_the_order_of_the_plan():
    facilities = [Facility("K1", "E-B", D(30), D(20)), Facility("K2", "E-A", D(40), D(50)),
                  Facility("K3", "E-B", D(30), D(30))]
    assert successor_shares(SPLIT, None, facilities, "holdings_share") == [("E-B", D(60)), ("E-A", D(40))]
    assert successor_shares(SPLIT, None, facilities, "obligations_share") == [("E-B", D(50)), ("E-A", D(50))]
    assert successor_shares(MERGER, "E-3", [], "holdings_share") == [("E-3", D(100))]


def test_m10_the_unit_left_over_goes_to_the_largest_remainder_not_the_largest_share():
    assert apportion(3, [("A", D(30)), ("B", D(70))]) == {"A": 1, "B": 2}  # 0.9 and 2.1
