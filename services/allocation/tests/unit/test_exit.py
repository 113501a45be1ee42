"""M-18: the exit report's due date and the recall of later vintages, with its rounding rule."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from allocation.domain.exit import check_exit_date, exit_report_due, plan_recall, recall_due
from ets_shared.errors import RuleViolation

HALF = Decimal("0.5")


def test_m18_recall_rounds_half_up_on_odd_quantities():
    assert [recall_due(q, HALF) for q in (0, 1, 2, 100, 101, 120_001)] == [0, 1, 1, 50, 51, 60_001]


def test_m18_recall_takes_only_later_vintages_and_states_what_is_no_longer_held():
    lines = plan_recall(2026, {2026: 1_000, 2027: 101, 2028: 100}, {2026: 1_000, 2027: 101, 2028: 20}, HALF)
    assert [(ln.vintage, ln.issued_free, ln.due, ln.recalled, ln.unrecovered) for ln in lines] == [
        (2027, 101, 51, 51, 0), (2028, 100, 50, 20, 30)]


def test_m18_report_due_15_days_after_the_exit():
    assert exit_report_due(date(2026, 9, 10), 15) == date(2026, 9, 25)


def test_m18_exit_cannot_lie_in_the_future_or_before_registration():
    check_exit_date(date(2026, 9, 10), date(2026, 9, 10), date(2026, 1, 1))
    with pytest.raises(RuleViolation) as future:
        check_exit_date(date(2026, 9, 11), date(2026, 9, 10), date(2026, 1, 1))
    assert future.value.field == "exit_on"
    with pytest.raises(RuleViolation):
        check_exit_date(date(2025, 12, 31), date(2026, 9, 10), date(2026, 1, 1))


def test_m18_a_later_vintage_no_longer_held_at_all_is_due_and_wholly_unrecovered():
    lines = plan_recall(2026, {2027: 100, 2028: 1}, {}, HALF)
    assert [(ln.vintage, ln.due, ln.recalled, ln.unrecovered) for ln in lines] == [(2027, 50, 0, 50), (2028, 1, 0, 1)]


def test_m18_a_vintage_whose_recall_rounds_to_nothing_has_no_line():
    assert plan_recall(2026, {2027: 0, 2028: 2}, {2027: 5, 2028: 2}, Decimal("0.2")) == []


@pytest.mark.parametrize("issued", [-1, True, 1.0])
def test_m18_issued_allowances_must_be_a_whole_number_of_at_least_0(issued):
    with pytest.raises(RuleViolation) as e:
        recall_due(issued, HALF)
    assert (e.value.field, e.value.article) == ("issued_free", "M-18")


def test_m18_each_refused_exit_date_names_exit_on_and_m18():
    for exit_on in (date(2026, 9, 11), date(2025, 12, 31)):
        with pytest.raises(RuleViolation) as e:
            check_exit_date(exit_on, date(2026, 9, 10), date(2026, 1, 1))
        assert (e.value.field, e.value.article) == ("exit_on", "M-18")
    check_exit_date(date(2026, 1, 1), date(2026, 9, 10), date(2026, 1, 1))  # on the day of registration
