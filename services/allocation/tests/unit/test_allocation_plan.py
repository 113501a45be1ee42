"""Cap and allocation plan: M-6 cap, M-7 approval, M-8 methods and rounding, M-9 issuance."""
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.allocation_methods import (
    AllocationMethod, BaseYearEmission, benchmark_entry, historical_entry, round_allowances,
)
from allocation.domain.allocation_plan import AllocationPlan, IssuanceLine, PlanStatus

T0 = datetime(2024, 1, 15, tzinfo=timezone.utc)


def plan(cap: int = 1_000_000) -> AllocationPlan:
    return AllocationPlan(year=2024, cap=cap)


# --- M-8: historical-emission method (历史排放法) ---------------------------------------------------------------

def test_m8_historical_is_mean_of_base_years_times_factor():
    p = plan()
    e = p.add_historical_entry("E1", {2021: 100, 2022: 200, 2023: 300}, factor=Decimal("0.9"))
    assert e.method is AllocationMethod.HISTORICAL_EMISSION
    assert e.quantity == 180
    assert e.base_years == (BaseYearEmission(2021, 100), BaseYearEmission(2022, 200), BaseYearEmission(2023, 300))
    assert e.historical_factor == Decimal("0.9")


def test_m8_historical_default_factor_is_1():
    assert plan().add_historical_entry("E1", {2022: 1000, 2023: 1200}).quantity == 1100


def test_m8_allocation_rounds_half_up_to_whole_allowances():
    p = plan()
    assert p.add_historical_entry("E1", {2022: 2, 2023: 3}).quantity == 3  # 2.5 -> 3 (not banker's 2)
    assert p.add_historical_entry("E2", {2021: 1, 2022: 1, 2023: 2}).quantity == 1  # 1.333 -> 1
    assert p.add_historical_entry("E3", {2022: 10}, factor=Decimal("0.45")).quantity == 5  # 4.5 -> 5
    assert p.add_historical_entry("E4", {2022: 10}, factor=Decimal("0.449")).quantity == 4  # 4.49 -> 4
    assert round_allowances(Decimal("0.5")) == 1 and round_allowances(Decimal("0.4999")) == 0


def test_m8_historical_base_years_must_precede_the_plan_year():
    p = plan()
    p.add_historical_entry("E1", {2023: 100})
    with pytest.raises(RuleViolation) as e:
        p.add_historical_entry("E2", {2023: 100, 2024: 100})
    assert (e.value.field, e.value.article) == ("base_years", "M-8")


@pytest.mark.parametrize("base_years, factor, field", [({}, Decimal(1), "base_years"),
                                                       ({2023: -1}, Decimal(1), "base_years"),
                                                       ({2023: 100}, Decimal("-0.1"), "factor"),
                                                       ({2023: 100}, 1.0, "factor")])
def test_m8_historical_inputs_validated(base_years, factor, field):
    with pytest.raises(RuleViolation) as e:
        plan().add_historical_entry("E1", base_years, factor=factor)
    assert (e.value.field, e.value.article) == (field, "M-8")


def test_m8_historical_zero_factor_and_zero_emissions_allowed():
    p = plan()
    assert p.add_historical_entry("E1", {2023: 100}, factor=Decimal(0)).quantity == 0
    assert p.add_historical_entry("E2", {2023: 0}).quantity == 0


# --- M-8: benchmark method (基准线法) ---------------------------------------------------------------------------

def test_m8_benchmark_is_intensity_times_output():
    e = plan().add_benchmark_entry("E1", Decimal("0.85"), Decimal("1000.5"))  # 850.425 -> 850
    assert (e.method, e.quantity) == (AllocationMethod.BENCHMARK, 850)
    assert (e.benchmark_intensity, e.output) == (Decimal("0.85"), Decimal("1000.5"))


def test_m8_benchmark_rounds_half_up():
    assert plan().add_benchmark_entry("E1", Decimal("0.5"), Decimal("5")).quantity == 3  # 2.5 -> 3


@pytest.mark.parametrize("intensity, output, field", [(Decimal("-0.01"), Decimal(1), "benchmark_intensity"),
                                                      (Decimal(1), Decimal("-1"), "output"),
                                                      (Decimal("Infinity"), Decimal(1), "benchmark_intensity")])
def test_m8_benchmark_inputs_validated(intensity, output, field):
    with pytest.raises(RuleViolation) as e:
        plan().add_benchmark_entry("E1", intensity, output)
    assert e.value.field == field


# --- M-8: early reduction action (先期节能减排行动) ----------------------------------------------------------------

def test_m8_early_action_bonus_added_after_rounding():
    e = plan().add_benchmark_entry("E1", Decimal("0.5"), Decimal("5"), early_action_bonus=7)
    assert (e.method_quantity, e.early_action_bonus, e.quantity) == (3, 7, 10)
    assert plan().add_historical_entry("E1", {2023: 10}, early_action_bonus=0).quantity == 10


def test_m8_early_action_bonus_cannot_be_negative():
    with pytest.raises(RuleViolation) as e:
        plan().add_historical_entry("E1", {2023: 10}, early_action_bonus=-1)
    assert e.value.field == "early_action_bonus"


def test_m8_one_entry_per_entity():
    p = plan()
    p.add_historical_entry("E1", {2023: 10})
    with pytest.raises(Conflict) as e:
        p.add_benchmark_entry("E1", Decimal(1), Decimal(1))
    assert e.value.field == "entity_id"


def test_m8_entry_needs_entity_id():
    with pytest.raises(RuleViolation) as e:
        plan().add_historical_entry(" ", {2023: 10})
    assert e.value.field == "entity_id"


# --- M-6: the cap ---------------------------------------------------------------------------------------------

def test_m6_allocation_up_to_the_cap_accepted_beyond_refused():
    p = plan(cap=1000)
    p.add_historical_entry("E1", {2023: 600})
    p.add_benchmark_entry("E2", Decimal(1), Decimal(400))  # exactly the cap
    assert (p.allocated, p.remaining) == (1000, 0)
    p2 = plan(cap=1000)
    p2.add_historical_entry("E1", {2023: 600})
    with pytest.raises(RuleViolation) as e:
        p2.add_benchmark_entry("E2", Decimal(1), Decimal(401))
    assert (e.value.field, e.value.article) == ("entries", "M-6")
    assert (p2.allocated, p2.remaining, len(p2.entries)) == (600, 400, 1)


def test_m6_early_action_bonus_counts_against_the_cap():
    p = plan(cap=100)
    with pytest.raises(RuleViolation) as e:
        p.add_historical_entry("E1", {2023: 100}, early_action_bonus=1)
    assert e.value.field == "entries"


def test_m6_plan_reports_allocated_and_remaining():
    p = plan(cap=1000)
    assert (p.allocated, p.remaining) == (0, 1000)
    p.add_historical_entry("E1", {2023: 250})
    assert (p.allocated, p.remaining) == (250, 750)
    assert p.entry_for("E1").quantity == 250 and p.entry_for("nobody") is None


@pytest.mark.parametrize("cap", [0, -1, True])
def test_m6_cap_must_be_a_positive_whole_number(cap):
    with pytest.raises(RuleViolation) as e:
        AllocationPlan(year=2024, cap=cap)
    assert (e.value.field, e.value.article) == ("cap", "M-6")


def test_m6_cap_cannot_fall_below_what_is_allocated_and_reserved():
    p = plan(cap=1000)
    p.add_historical_entry("E1", {2023: 600})
    p.set_cap(700, 100)  # exactly what is allocated plus the paid reserve
    assert (p.cap, p.paid_reserve, p.remaining) == (700, 100, 0)
    with pytest.raises(RuleViolation) as e:
        p.set_cap(699, 100)
    assert (e.value.field, e.value.article) == ("cap", "M-6") and (p.cap, p.paid_reserve) == (700, 100)
    with pytest.raises(RuleViolation) as e:
        p.set_cap(0, 0)
    assert e.value.field == "cap"


# --- M-7: approval before use -----------------------------------------------------------------------------------

def approved_plan() -> AllocationPlan:
    p = plan(cap=1000)
    p.add_historical_entry("E1", {2023: 600})
    p.add_benchmark_entry("E2", Decimal(0), Decimal(1))  # zero allocation
    p.approve(T0)
    return p


def test_m7_plan_moves_draft_to_approved():
    p = approved_plan()
    assert (p.status, p.approved_at) == (PlanStatus.APPROVED, T0)


def test_m7_entries_and_cap_change_only_in_draft():
    p = approved_plan()
    with pytest.raises(Conflict) as e:
        p.add_historical_entry("E3", {2023: 1})
    assert (e.value.field, e.value.article) == ("entries", "M-7")
    with pytest.raises(Conflict):
        p.add_benchmark_entry("E3", Decimal(1), Decimal(1))
    with pytest.raises(Conflict):
        p.remove_entry("E1")
    with pytest.raises(Conflict) as e:
        p.set_cap(2000, 0)
    assert e.value.field == "cap"


def test_m7_entries_can_be_removed_in_draft():
    p = plan(cap=1000)
    p.add_historical_entry("E1", {2023: 600})
    p.remove_entry("E1")
    assert p.entries == [] and p.remaining == 1000
    with pytest.raises(RuleViolation):
        p.remove_entry("E1")


def test_m7_empty_plan_cannot_be_approved_and_approval_happens_once():
    with pytest.raises(RuleViolation) as e:
        plan().approve(T0)
    assert e.value.field == "entries"
    p = approved_plan()
    with pytest.raises(Conflict):
        p.approve(T0)


def test_m7_plan_must_be_approved_before_issue():
    p = plan()
    p.add_historical_entry("E1", {2023: 1})
    with pytest.raises(RuleViolation) as e:
        p.issue(T0)
    assert e.value.article == "M-7" and p.status is PlanStatus.DRAFT


# --- M-9: issuance ----------------------------------------------------------------------------------------------

def test_m9_issue_returns_lines_of_the_plan_year_and_marks_issued():
    p = approved_plan()
    lines = p.issue(T0)
    assert lines == [IssuanceLine("E1", 2024, 600)]  # the zero allocation issues nothing
    assert (p.status, p.issued_at) == (PlanStatus.ISSUED, T0)


def test_m9_no_double_issue():
    p = approved_plan()
    p.issue(T0)
    with pytest.raises(Conflict) as e:
        p.issue(T0)
    assert e.value.article == "M-9"
    with pytest.raises(Conflict):
        p.approve(T0)


# --- a plan loaded in part (only the entries a command touches) ---------------------------------------------------

def test_m6_entries_not_loaded_still_count_against_the_cap():
    p = AllocationPlan(year=2024, cap=1000, other_entries=3, other_allocated=900)
    assert (p.allocated, p.remaining, p.entries_count) == (900, 100, 3)
    p.add_benchmark_entry("E9", Decimal(1), Decimal(100))
    assert (p.allocated, p.remaining, p.entries_count) == (1000, 0, 4)
    with pytest.raises(RuleViolation) as e:
        p.add_historical_entry("E10", {2023: 1})
    assert (e.value.field, e.value.article) == ("entries", "M-6")
    with pytest.raises(RuleViolation):
        p.set_cap(999, 0)


def test_m7_plan_with_only_unloaded_entries_can_be_approved_but_not_issued_in_part():
    p = AllocationPlan(year=2024, cap=1000, other_entries=1, other_allocated=10)
    p.approve(T0)
    with pytest.raises(RuntimeError):
        p.issue(T0)
    assert p.status is PlanStatus.APPROVED


def test_m8_loaded_entries_are_unique_and_removal_updates_the_total():
    e1 = plan().add_historical_entry("E1", {2023: 100})
    with pytest.raises(Conflict):
        AllocationPlan(year=2024, cap=1000, entries=[e1, e1])
    p = AllocationPlan(year=2024, cap=1000, entries=[e1])
    assert p.entry_for("E1").quantity == 100 and p.remaining == 900
    p.remove_entry("E1")
    assert p.remaining == 1000 and p.entry_for("E1") is None
    with pytest.raises(RuleViolation):
        AllocationPlan(year=2024, cap=1000, other_entries=-1)


class _CountedPasses(list):
    """A plan's entries that count every pass over them: an add that scanned the plan would make adding n entries
    quadratic (a deterministic check in place of a timed one, which fails on a loaded machine)."""

    passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


def test_m8_adding_an_entry_never_passes_over_the_entries_already_in_the_plan():
    entries = _CountedPasses()
    p = AllocationPlan(year=2024, cap=10**9, entries=entries)
    before = entries.passes
    for i in range(10_000):
        p.add_benchmark_entry(f"E{i}", Decimal(1), Decimal(10))
    assert entries.passes == before
    assert p.allocated == 100_000 and p.entries_count == 10_000 and p.entry_for("E9999").quantity == 10


def test_m7_removing_an_entry_after_approval_names_entries_and_an_unknown_entity_names_entity_id():
    p = approved_plan()
    with pytest.raises(Conflict) as e:
        p.remove_entry("E1")
    assert (e.value.field, e.value.article) == ("entries", "M-7")
    with pytest.raises(RuleViolation) as e:
        plan().remove_entry("E9")
    assert e.value.field == "entity_id"


def test_m7_a_second_approval_or_an_empty_plan_is_refused_under_m7():
    with pytest.raises(Conflict) as e:
        approved_plan().approve(T0)
    assert e.value.article == "M-7"
    with pytest.raises(RuleViolation) as e:
        plan().approve(T0)
    assert (e.value.field, e.value.article) == ("entries", "M-7")


def test_m9_an_allocation_of_a_single_allowance_is_issued():
    p = plan(cap=10)
    p.add_benchmark_entry("E1", Decimal(1), Decimal(1))
    p.approve(T0)
    assert p.issue(T0) == [IssuanceLine("E1", 2024, 1)]


def test_m8_each_refused_entry_names_its_field_and_m8():
    for call, field in ((lambda: historical_entry(2024, " ", {2023: 1}), "entity_id"),
                        (lambda: benchmark_entry(" ", Decimal(1), Decimal(1)), "entity_id"),
                        (lambda: benchmark_entry("E1", Decimal(1), Decimal(1), early_action_bonus=-1),
                         "early_action_bonus"),
                        (lambda: benchmark_entry("E1", Decimal(1), Decimal(1), early_action_bonus=1.0),
                         "early_action_bonus"),
                        (lambda: benchmark_entry("E1", Decimal(1), Decimal("-1")), "output")):
        with pytest.raises(RuleViolation) as e:
            call()
        assert (e.value.field, e.value.article) == (field, "M-8")


def test_m8_without_a_bonus_an_entry_is_its_methods_figure():
    assert historical_entry(2024, "E1", {2023: 10}).quantity == 10
    assert benchmark_entry("E1", Decimal(1), Decimal(10)).quantity == 10


def test_m7_a_benchmark_entry_added_after_approval_names_entries():
    with pytest.raises(Conflict) as e:
        approved_plan().add_benchmark_entry("E3", Decimal(1), Decimal(1))
    assert (e.value.field, e.value.article) == ("entries", "M-7")


def test_m6_m8_a_plan_refused_at_construction_names_entries_and_a_cap_of_one_allowance_is_valid():
    e1 = plan().add_historical_entry("E1", {2023: 1})
    with pytest.raises(Conflict) as e:
        AllocationPlan(year=2024, cap=10, entries=[e1, e1])
    assert (e.value.field, e.value.article) == ("entries", "M-8")
    with pytest.raises(RuleViolation) as e:
        AllocationPlan(year=2024, cap=10, other_allocated=-1)
    assert e.value.field == "entries"
    p = AllocationPlan(year=2024, cap=1)
    p.add_historical_entry("E1", {2023: 1})
    assert p.remaining == 0
    with pytest.raises(Conflict) as e:
        p.add_benchmark_entry("E1", Decimal(0), Decimal(0))
    assert (e.value.field, e.value.article) == ("entity_id", "M-8")
