"""Covered entities and the inclusion thresholds (M-5), exit mark (M-18)."""
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.entities import CoveredEntity, EntityStatus, meets_inclusion_threshold
from allocation.domain.policy import AllocationPolicy

T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
POLICY = AllocationPolicy.default(2024)


def test_m5_industry_threshold_20000_t_inclusive():
    assert meets_inclusion_threshold(POLICY, "industry", 20_000)
    assert not meets_inclusion_threshold(POLICY, "industry", 19_999)


def test_m5_industry_energy_threshold_10000_tce_inclusive():
    assert meets_inclusion_threshold(POLICY, "industry", 0, energy_tce=10_000)
    assert meets_inclusion_threshold(POLICY, "aviation", 0, energy_tce=Decimal("10000.0"))
    assert not meets_inclusion_threshold(POLICY, "industry", 19_999, energy_tce=Decimal("9999.99"))


def test_m5_energy_threshold_only_where_the_sector_has_one():
    assert not meets_inclusion_threshold(POLICY, "data_centre", 19_999, energy_tce=1_000_000)
    assert meets_inclusion_threshold(POLICY, "data_centre", 20_000)


@pytest.mark.parametrize("sector, at_least", [("water_transport", 100_000), ("road_freight", 10_000),
                                              ("building", 10_000), ("port", 10_000), ("airport", 10_000)])
def test_m5_sector_thresholds_inclusive(sector, at_least):
    assert meets_inclusion_threshold(POLICY, sector, at_least)
    assert not meets_inclusion_threshold(POLICY, sector, at_least - 1)


def test_m5_sector_without_threshold_is_not_covered_by_obligation():
    assert not meets_inclusion_threshold(POLICY, "agriculture", 10_000_000)


def test_m5_negative_emissions_refused():
    with pytest.raises(RuleViolation) as e:
        meets_inclusion_threshold(POLICY, "industry", -1)
    assert (e.value.field, e.value.article) == ("emissions_t", "M-5")


def test_m5_entity_on_the_list_is_active_with_free_sector():
    e = CoveredEntity("E1", "Baosteel", "steel-and-iron", T0)
    assert e.status is EntityStatus.ACTIVE and e.is_active and e.exited_at is None


@pytest.mark.parametrize("kwargs, field", [({"entity_id": " "}, "entity_id"), ({"name": ""}, "name"),
                                           ({"sector": ""}, "sector"),
                                           ({"registered_at": datetime(2024, 1, 1)}, "registered_at")])  # noqa: DTZ001 - the naive time refused
def test_m5_entity_needs_id_name_sector_and_aware_time(kwargs, field):
    args = {"entity_id": "E1", "name": "n", "sector": "industry", "registered_at": T0} | kwargs
    with pytest.raises(RuleViolation) as e:
        CoveredEntity(**args)
    assert e.value.field == field


def test_m18_exit_marks_entity_exited_once_and_keeps_it_listed():
    e = CoveredEntity("E1", "n", "industry", T0)
    e.exit(T0)
    assert e.status is EntityStatus.EXITED and e.exited_at == T0 and not e.is_active
    with pytest.raises(Conflict):
        e.exit(T0)


def test_m18_exit_before_registration_refused():
    e = CoveredEntity("E1", "n", "industry", T0)
    with pytest.raises(RuleViolation):
        e.exit(datetime(2023, 12, 31, 23, 59, tzinfo=timezone.utc))


def _refused(call, error=RuleViolation):
    with pytest.raises(error) as e:
        call()
    return e.value.field, e.value.article


@pytest.mark.parametrize("kwargs, field", [({"entity_id": " "}, "entity_id"), ({"name": " "}, "name"),
                                           ({"sector": " "}, "sector")])
def test_m5_an_entity_refused_for_a_blank_id_name_or_sector_names_m5(kwargs, field):
    args = {"entity_id": "E1", "name": "n", "sector": "industry", "registered_at": T0} | kwargs
    assert _refused(lambda: CoveredEntity(**args)) == (field, "M-5")


def test_m18_a_second_exit_is_a_conflict_under_m18_and_an_early_one_names_exited_at():
    e = CoveredEntity("E1", "n", "industry", T0)
    assert _refused(lambda: e.exit(datetime(2023, 12, 31, 23, 59, tzinfo=timezone.utc)))[0] == "exited_at"
    e.exit(T0)  # at the instant of registration: allowed
    assert _refused(lambda: e.exit(T0), Conflict) == (None, "M-18")
    assert e.exit_year == 2024


def test_m18_the_exit_year_is_the_shanghai_year_of_the_exit_and_none_without_one():
    e = CoveredEntity("E1", "n", "industry", T0)
    assert e.exit_year is None
    e.exit(datetime(2024, 12, 31, 16, 30, tzinfo=timezone.utc))  # 00:30 on 1 January 2025 in Shanghai
    assert e.exit_year == 2025


def test_m10_an_entity_passed_to_its_successors_is_succeeded_from_that_instant_and_only_once():
    e = CoveredEntity("E1", "n", "industry", T0)
    later = datetime(2025, 3, 1, tzinfo=timezone.utc)
    e.pass_to_successors(later)
    assert (e.status, e.exited_at, e.is_active) == (EntityStatus.SUCCEEDED, later, False)
    assert e.exit_year is None  # a succession is not an exit (M-18)
    assert _refused(lambda: e.pass_to_successors(later), Conflict) == ("predecessor_ids", "M-10")
    exited = CoveredEntity("E2", "n", "industry", T0)
    exited.exit(later)
    assert _refused(lambda: exited.pass_to_successors(later), Conflict) == ("predecessor_ids", "M-10")


def test_m10_a_succession_dated_before_registration_takes_effect_at_registration():
    e = CoveredEntity("E1", "n", "industry", T0)
    e.pass_to_successors(datetime(2023, 6, 1, tzinfo=timezone.utc))
    assert e.exited_at == T0
