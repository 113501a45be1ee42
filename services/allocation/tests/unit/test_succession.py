"""M-10: split plans account for exactly 100 % (99.99 % refused), and the rounding rule gives every unit to exactly
one successor."""
from __future__ import annotations

from decimal import Decimal

import pytest

from allocation.domain import Obligation, ObligationStatus
from allocation.domain.succession import Facility, SuccessionKind, apportion, check_plan
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
