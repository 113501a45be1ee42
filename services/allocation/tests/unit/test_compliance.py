"""The surrender obligation: M-15 determinations, M-16 window/vintage/quantity, M-17 CCER, §5 shortfall."""
from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.compliance import Obligation, ObligationStatus, ccer_limit, require_obligation
from allocation.domain.policy import AllocationPolicy
from allocation.domain.units import CcerOrigin, UnitLine, UnitType

SHEA, CCER = UnitType.SHEA, UnitType.CCER
POLICY = AllocationPolicy.default(2024)
ALLOCATION = 1000  # CCER limit = floor(0.05 x 1000) = 50
OK_LOT = CcerOrigin("P-1", date(2024, 3, 1))


def sh(y, mo, d, h=0, mi=0, s=0) -> datetime:
    """A Shanghai wall-clock time as the UTC instant the domain receives."""
    return datetime(y, mo, d, h, mi, s, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


IN_WINDOW = sh(2025, 6, 15, 10)
AFTER_CLOSE = sh(2025, 7, 1)
DETERMINED = sh(2025, 4, 27, 10)  # before the window: the window is the whole period


def obligation(emissions: int = 1000) -> Obligation:
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, emissions, DETERMINED, POLICY)
    return o


def shea(q: int, vintage: int = 2024) -> UnitLine:
    return UnitLine(SHEA, vintage, q)


def ccer(q: int, origin: CcerOrigin = OK_LOT) -> UnitLine:
    return UnitLine(CCER, origin.reduction_date.year, q, origin)


# --- determination (M-15 feeding M-16) ----------------------------------------------------------------------------

def test_m15_only_a_higher_revision_replaces_the_determination():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    assert o.status is ObligationStatus.OPEN and not o.is_determined
    assert o.apply_determination(2, 1200, DETERMINED, POLICY)
    assert not o.apply_determination(1, 900, DETERMINED, POLICY)  # late, out-of-order event
    assert not o.apply_determination(2, 900, DETERMINED, POLICY)  # redelivered revision
    assert (o.determination_revision, o.determined_emissions) == (2, 1200)
    assert o.apply_determination(3, 800, DETERMINED, POLICY)  # re-check (复查) determination
    assert (o.determination_revision, o.determined_emissions) == (3, 800)


@pytest.mark.parametrize("revision, emissions, field", [(0, 10, "revision"), (1, -1, "emissions"),
                                                        (1, Decimal(10), "emissions")])
def test_m15_determination_inputs_validated(revision, emissions, field):
    with pytest.raises(RuleViolation) as e:
        Obligation("ent-1", 2024, correlation_id="case-1").apply_determination(revision, emissions, DETERMINED, POLICY)
    assert (e.value.field, e.value.article) == (field, "M-15")


def test_m15_zero_determined_emissions_settle_at_once():
    assert obligation(0).status is ObligationStatus.SETTLED


def test_m15_higher_redetermination_reopens_a_settled_obligation_and_lower_one_settles():
    o = obligation(100)
    o.surrender([shea(100)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.status is ObligationStatus.SETTLED
    o.apply_determination(2, 120, DETERMINED, POLICY)
    assert (o.status, o.remaining) == (ObligationStatus.OPEN, 20)
    o.apply_determination(3, 100, DETERMINED, POLICY)
    assert (o.status, o.remaining) == (ObligationStatus.SETTLED, 0)


def test_m15_lower_redetermination_settles_a_shortfall():
    o = obligation(100)
    o.surrender([shea(90)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.close(AFTER_CLOSE, POLICY) == 10
    o.apply_determination(2, 90, DETERMINED, POLICY)
    assert o.status is ObligationStatus.SETTLED and o.shortfall_detected_at == AFTER_CLOSE


# --- M-16: no obligation, window ---------------------------------------------------------------------------------

def test_m16_surrender_without_determination_is_a_conflict():
    with pytest.raises(Conflict) as e:
        Obligation("ent-1", 2024, correlation_id="case-1").surrender([shea(1)], IN_WINDOW, POLICY, ALLOCATION)
    assert e.value.article == "M-16"
    with pytest.raises(Conflict):
        require_obligation(None, "ent-1", 2024)
    o = obligation()
    assert require_obligation(o, "ent-1", 2024) is o


def test_m16_surrender_refused_before_the_window_opens():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(1)], sh(2025, 5, 31, 23, 59, 59), POLICY, ALLOCATION)
    assert e.value.article == "M-16"
    # 2025-05-31T16:00Z is already 1 June in Shanghai
    r = obligation().surrender([shea(1)], datetime(2025, 5, 31, 16, 0, tzinfo=timezone.utc), POLICY, ALLOCATION)
    assert r.shea == 1


def test_m16_surrender_accepted_through_the_close_date_inclusive():
    assert obligation().surrender([shea(1)], sh(2025, 6, 30, 23, 59, 59), POLICY, ALLOCATION).shea == 1


def test_m16_after_close_an_unrecorded_shortfall_must_be_recorded_first():
    with pytest.raises(Conflict) as e:
        obligation().surrender([shea(1)], AFTER_CLOSE, POLICY, ALLOCATION)
    assert e.value.article == "M-16"


def test_m16_after_close_a_settled_obligation_takes_nothing():
    o = obligation(10)
    o.surrender([shea(10)], IN_WINDOW, POLICY, ALLOCATION)
    with pytest.raises(RuleViolation) as e:
        o.surrender([shea(1)], AFTER_CLOSE, POLICY, ALLOCATION)
    assert e.value.article == "M-16"


def test_m16_after_close_a_shortfall_is_made_good_and_stays_open_until_met():
    o = obligation(100)
    o.surrender([shea(40)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.close(AFTER_CLOSE, POLICY) == 60
    r = o.surrender([shea(50)], sh(2025, 8, 1), POLICY, ALLOCATION)
    assert (r.settled, r.remaining, o.status) == (False, 10, ObligationStatus.SHORTFALL)
    r = o.surrender([shea(10)], sh(2025, 9, 1), POLICY, ALLOCATION)
    assert (r.settled, r.remaining, o.status) == (True, 0, ObligationStatus.SETTLED)


def test_m16_moved_window_is_honoured():
    moved = AllocationPolicy(2024, surrender_open=date(2025, 6, 1), surrender_close=date(2025, 9, 30))
    o = obligation(100)
    o.surrender([shea(1)], sh(2025, 9, 30, 23, 59), moved, ALLOCATION)
    assert o.close(sh(2025, 9, 30, 23, 59, 59), moved) is None
    assert o.close(sh(2025, 10, 1), moved) == 99


def test_m16_policy_must_be_the_obligations_year():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(1)], IN_WINDOW, AllocationPolicy.default(2023), ALLOCATION)
    assert e.value.field == "year"


# --- M-16 ¶2: vintages, quantities --------------------------------------------------------------------------------

def test_m16_surrender_refuses_vintage_after_compliance_year():
    o = obligation()
    r = o.surrender([shea(10, 2024), shea(10, 2020)], IN_WINDOW, POLICY, ALLOCATION)  # Y and banked
    assert r.shea == 20
    with pytest.raises(RuleViolation) as e:
        o.surrender([shea(1, 2024), shea(1, 2025)], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines[1].vintage", "M-16")
    assert o.surrendered_shea == 20  # the refused surrender counted nothing


def test_m17_ccer_reduced_after_the_compliance_year_is_not_held_to_the_allowance_vintage_rule():
    """M-16 ¶2's "上一年度或者此前年度配额" speaks of allowances; CCERs follow M-17 (ratio, boundary, earliest date)."""
    r = obligation().surrender([ccer(5, CcerOrigin("P-1", date(2025, 1, 1)))], IN_WINDOW, POLICY, ALLOCATION)
    assert r.ccer == 5


@pytest.mark.parametrize("quantity", [0, -5])
def test_m16_surrender_quantity_must_be_positive(quantity):
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(quantity)], IN_WINDOW, POLICY, ALLOCATION)
    assert e.value.field == "lines[0].quantity"


def test_m16_surrender_needs_lines():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines", "M-16")


def test_m16_surrender_up_to_what_remains_never_beyond():
    o = obligation(100)
    with pytest.raises(RuleViolation) as e:
        o.surrender([shea(60), shea(41, 2023)], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines", "M-16")
    r = o.surrender([shea(60), shea(40, 2023)], IN_WINDOW, POLICY, ALLOCATION)
    assert (r.accepted, r.shea, r.ccer, r.remaining, r.settled) == ((shea(60), shea(40, 2023)), 100, 0, 0, True)
    assert o.status is ObligationStatus.SETTLED
    with pytest.raises(RuleViolation):
        o.surrender([shea(1)], IN_WINDOW, POLICY, ALLOCATION)


def test_m16_surrenders_accumulate_until_settled():
    o = obligation(100)
    r = o.surrender([shea(30)], IN_WINDOW, POLICY, ALLOCATION)
    assert (r.settled, r.remaining, o.status) == (False, 70, ObligationStatus.OPEN)
    r = o.surrender([shea(20), ccer(50)], IN_WINDOW, POLICY, ALLOCATION)
    assert (r.settled, o.surrendered_shea, o.surrendered_ccer, o.surrendered) == (True, 50, 50, 100)


# --- M-17: CCER -----------------------------------------------------------------------------------------------------

def test_m17_ccer_limit_is_floor_of_ratio_times_year_allocation():
    assert ccer_limit(POLICY, 1000) == 50
    assert ccer_limit(POLICY, 1019) == 50  # 50.95 floors to 50
    assert ccer_limit(POLICY, 1020) == 51
    assert ccer_limit(POLICY, 0) == 0


def test_m17_ccer_up_to_the_limit_accepted_beyond_refused():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([ccer(51)], IN_WINDOW, POLICY, 1019)
    assert (e.value.field, e.value.article) == ("lines", "M-17")
    assert obligation().surrender([ccer(50)], IN_WINDOW, POLICY, 1019).ccer == 50


def test_m17_ccer_limit_counts_all_surrenders_of_the_year():
    o = obligation()
    o.surrender([ccer(30)], IN_WINDOW, POLICY, ALLOCATION)
    with pytest.raises(RuleViolation):
        o.surrender([ccer(21)], IN_WINDOW, POLICY, ALLOCATION)
    o.surrender([ccer(20)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.surrendered_ccer == 50


def test_m17_ccer_ratio_is_a_policy_parameter():
    zero = AllocationPolicy(2024, date(2025, 6, 1), date(2025, 6, 30), ccer_ratio=Decimal(0))
    with pytest.raises(RuleViolation):
        obligation().surrender([ccer(1)], IN_WINDOW, zero, ALLOCATION)
    full = AllocationPolicy(2024, date(2025, 6, 1), date(2025, 6, 30), ccer_ratio=Decimal(1))
    assert obligation(1000).surrender([ccer(1000)], IN_WINDOW, full, ALLOCATION).settled


def test_m17_no_allocation_means_no_ccer():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([ccer(1)], IN_WINDOW, POLICY, 0)
    assert e.value.article == "M-17"


def test_m17_allocation_for_year_must_be_a_non_negative_whole_number():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(1)], IN_WINDOW, POLICY, -1)
    assert e.value.field == "allocation_for_year"


def test_m17_ccer_from_inside_the_entitys_own_boundary_refused():
    own = CcerOrigin("P-own", date(2024, 3, 1), boundary_entity_id="ent-1")
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(1), ccer(1, own)], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines[1].origin.boundary_entity_id", "M-17")


def test_m17_ccer_from_inside_another_covered_entitys_boundary_refused():
    # Seed M-17 ¶2: CCERs inside the boundary of *Shanghai covered entities* may not be used for Shanghai surrender.
    other = CcerOrigin("P-other", date(2024, 3, 1), boundary_entity_id="ent-2")
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([ccer(1, other)], IN_WINDOW, POLICY, ALLOCATION)
    assert e.value.article == "M-17"


def test_m17_ccer_outside_every_boundary_accepted_and_counts_one_to_one():
    r = obligation(10).surrender([ccer(10)], IN_WINDOW, POLICY, 200)
    assert (r.ccer, r.remaining, r.settled) == (10, 0, True)


def test_m17_ccer_reduction_before_the_earliest_date_refused():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([ccer(1, CcerOrigin("P-old", date(2012, 12, 31)))], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines[0].origin.reduction_date", "M-17")
    assert obligation().surrender([ccer(1, CcerOrigin("P-2013", date(2013, 1, 1)))], IN_WINDOW, POLICY,
                                  ALLOCATION).ccer == 1


def test_m17_ccer_line_needs_origin_and_shea_has_none():
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([UnitLine(CCER, 2024, 1)], IN_WINDOW, POLICY, ALLOCATION)
    assert e.value.field == "lines[0].origin"


# --- §5: the close and shortfall (feeds M-39) -------------------------------------------------------------------------

def test_m16_close_before_the_close_instant_does_nothing():
    o = obligation()
    assert o.close(sh(2025, 6, 30, 23, 59, 59), POLICY) is None
    assert o.status is ObligationStatus.OPEN


def test_m16_close_at_1_july_marks_shortfall_once():
    o = obligation(100)
    o.surrender([shea(30)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.close(AFTER_CLOSE, POLICY) == 70
    assert (o.status, o.shortfall_detected_at) == (ObligationStatus.SHORTFALL, AFTER_CLOSE)
    assert o.close(sh(2025, 7, 2), POLICY) is None
    assert o.shortfall_detected_at == AFTER_CLOSE


def test_m16_close_with_nothing_surrendered_is_the_whole_obligation():
    assert obligation(100).close(sh(2025, 12, 1), POLICY) == 100


def test_m16_close_leaves_a_settled_obligation_untouched():
    o = obligation(100)
    o.surrender([shea(100)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.close(AFTER_CLOSE, POLICY) is None
    assert (o.status, o.shortfall_detected_at) == (ObligationStatus.SETTLED, None)


def test_m16_close_ignores_an_undetermined_obligation():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    assert o.close(AFTER_CLOSE, POLICY) is None and o.status is ObligationStatus.OPEN


# --- M-16: the surrender period follows a late determination (the platform's reading, README) --------------------

def test_m16_determination_before_the_window_gets_the_window():
    o = obligation(100)
    assert o.surrender_until(POLICY) == date(2025, 6, 30)
    assert o.closes_at(POLICY) == AFTER_CLOSE


def test_m16_determination_on_the_opening_day_gets_exactly_the_window():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, sh(2025, 6, 1, 9), POLICY)
    assert o.surrender_until(POLICY) == date(2025, 6, 30)  # 30 days counted from 1 June, 1 June included


def test_m16_determination_after_30_june_may_still_be_surrendered_on_its_last_day_not_the_day_after():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, sh(2025, 7, 5, 15), POLICY)
    assert o.surrender_until(POLICY) == date(2025, 8, 3)  # 5 July + 30 days - 1
    assert o.close(AFTER_CLOSE, POLICY) is None and o.close(sh(2025, 8, 3, 23, 59, 59), POLICY) is None
    assert o.surrender([shea(40)], sh(2025, 8, 3, 23, 59, 59), POLICY, ALLOCATION).remaining == 60
    with pytest.raises(Conflict):  # the day after its last day: the shortfall must be recorded first
        o.surrender([shea(60)], sh(2025, 8, 4), POLICY, ALLOCATION)
    assert o.close(sh(2025, 8, 4), POLICY) == 60 and o.status is ObligationStatus.SHORTFALL


def test_m16_determination_on_the_last_window_day_gets_its_full_period():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, sh(2025, 6, 30, 18), POLICY)
    assert o.surrender_until(POLICY) == date(2025, 7, 29)


def test_m16_period_after_determination_is_a_policy_parameter():
    policy = replace(POLICY, surrender_days_after_determination=10)
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, sh(2025, 7, 5), policy)
    assert o.surrender_until(policy) == date(2025, 7, 14)
    assert o.surrender_until(replace(policy, surrender_close=date(2025, 9, 30))) == date(2025, 9, 30)  # moved window


def test_m16_raised_determination_after_close_gives_a_new_period_then_a_new_shortfall():
    o = obligation(100)
    o.surrender([shea(100)], IN_WINDOW, POLICY, ALLOCATION)
    o.apply_determination(2, 110, sh(2025, 7, 10), POLICY)
    assert o.status is ObligationStatus.OPEN and o.surrender_until(POLICY) == date(2025, 8, 8)
    assert o.close(sh(2025, 8, 8, 23), POLICY) is None
    assert o.close(sh(2025, 8, 9), POLICY) == 10
    assert o.status is ObligationStatus.SHORTFALL


def test_m16_lowered_determination_keeps_the_period_it_had():
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, sh(2025, 7, 5), POLICY)
    o.apply_determination(2, 90, sh(2025, 7, 20), POLICY)
    assert o.surrender_until(POLICY) == date(2025, 8, 3)


def test_m16_revision_of_a_shortfall_moves_the_figure_but_gives_no_new_period():
    o = obligation(100)
    o.surrender([shea(30)], IN_WINDOW, POLICY, ALLOCATION)
    assert o.close(AFTER_CLOSE, POLICY) == 70
    o.apply_determination(2, 150, sh(2025, 7, 10), POLICY)
    assert (o.status, o.remaining, o.surrender_until(POLICY)) == (ObligationStatus.SHORTFALL, 120, date(2025, 6, 30))
    o.apply_determination(3, 30, sh(2025, 7, 12), POLICY)
    assert o.status is ObligationStatus.SETTLED


# --- killing the surviving mutants of `./ets mutate` (README, "Mutation testing") ---------------------------------

def test_m17_shea_plus_ccer_beyond_remaining_refused():
    """80 SHEA + 30 CCER against 100 t remaining is 110: refused whole, even though 80 - 30 would fit."""
    o = obligation(100)
    with pytest.raises(RuleViolation) as e:
        o.surrender([shea(80), ccer(30)], IN_WINDOW, POLICY, ALLOCATION)
    assert (e.value.field, e.value.article) == ("lines", "M-16")
    assert (o.surrendered_shea, o.surrendered_ccer) == (0, 0)
    assert o.surrender([shea(70), ccer(30)], IN_WINDOW, POLICY, ALLOCATION).settled


@pytest.mark.parametrize("revision", [True, 1.0, "1"])
def test_m15_determination_revision_must_be_a_whole_number_not_a_flag_or_fraction(revision):
    with pytest.raises(RuleViolation) as e:
        Obligation("ent-1", 2024, correlation_id="case-1").apply_determination(revision, 10, DETERMINED, POLICY)
    assert (e.value.field, e.value.article) == ("revision", "M-15")


def test_m16_redetermination_to_the_same_figure_after_close_gives_no_new_period():
    """Only a first or *raising* determination gives the entity a period of its own: an unchanged figure does not."""
    o = Obligation("ent-1", 2024, correlation_id="case-1")
    o.apply_determination(1, 100, DETERMINED, POLICY)
    o.apply_determination(2, 100, sh(2025, 7, 10), POLICY)
    assert o.surrender_until(POLICY) == date(2025, 6, 30)
    assert o.close(AFTER_CLOSE, POLICY) == 100


@pytest.mark.parametrize("allocation", [True, 10.0, Decimal(10)])
def test_m17_allocation_for_year_must_be_a_whole_number_not_a_flag_or_fraction(allocation):
    with pytest.raises(RuleViolation) as e:
        obligation().surrender([shea(1)], IN_WINDOW, POLICY, allocation)
    assert (e.value.field, e.value.article) == ("allocation_for_year", "M-17")


def test_m16_an_entity_without_free_allocation_still_surrenders_allowances():
    """An allocation of 0 (the entity bought every allowance) bars CCERs (M-17), never the surrender itself."""
    assert obligation(10).surrender([shea(10)], IN_WINDOW, POLICY, 0).settled
