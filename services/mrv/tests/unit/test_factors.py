"""M-44(1) / docs/rules.md §4: versioned emission-factor tables chosen by compliance year."""
from decimal import Decimal

import pytest
from ets_shared.errors import NotFound

from mrv.domain.factors import (
    BUILTIN_FACTOR_SETS, GIGAJOULE, TEN_THOUSAND_KWH, TEN_THOUSAND_NM3, TONNE, FactorSet, FuelFactor,
    canonical_unit, factor_set_for_year, find_factor_set,
)


def test_m44_2021_uses_sh2012_electricity_7_88_heat_0_11():
    fs = factor_set_for_year(2021)
    assert fs.factor_set_id == "SH-2012"
    assert fs.electricity_t_per_10k_kwh == Decimal("7.88")
    assert fs.heat_t_per_gj == Decimal("0.11")


def test_m44_2022_uses_sh2022_electricity_4_2_heat_0_06():
    fs = factor_set_for_year(2022)
    assert fs.factor_set_id == "SH-2022"
    assert fs.electricity_t_per_10k_kwh == Decimal("4.2")
    assert fs.heat_t_per_gj == Decimal("0.06")


@pytest.mark.parametrize("year, expected", [(2009, "SH-2012"), (2013, "SH-2012"), (2021, "SH-2012"),
                                            (2022, "SH-2022"), (2030, "SH-2022")])
def test_m44_factor_set_boundary_years(year, expected):
    assert factor_set_for_year(year).factor_set_id == expected


def test_m44_no_factor_set_before_the_first_year_is_not_found():
    with pytest.raises(NotFound) as err:
        factor_set_for_year(2008)
    assert err.value.article == "M-44"


def test_m44_default_fuel_factors_match_guideline_values():
    fuels = factor_set_for_year(2023).fuels
    assert fuels["natural_gas"] == FuelFactor(TEN_THOUSAND_NM3, Decimal("21.62"))
    assert fuels["raw_coal"] == (TONNE, Decimal("1.90"))
    assert fuels["coke"].t_co2_per_unit == Decimal("2.86")
    assert fuels["diesel"].t_co2_per_unit == Decimal("3.10")
    assert fuels["gasoline"].t_co2_per_unit == Decimal("2.93")
    assert fuels["fuel_oil"].t_co2_per_unit == Decimal("3.17")
    assert fuels["lpg"].t_co2_per_unit == Decimal("3.10")
    assert all(f.unit == TONNE for code, f in fuels.items() if code != "natural_gas")


def test_m44_factor_sets_do_not_overlap_in_builtin_table():
    for year in range(2009, 2040):
        assert sum(fs.covers(year) for fs in BUILTIN_FACTOR_SETS) == 1


def test_m44_newer_open_ended_set_supersedes_older_one():
    newer = FactorSet("SH-2026", 2026, None, Decimal("4.0"), Decimal("0.05"), {})
    sets = BUILTIN_FACTOR_SETS + (newer,)
    assert factor_set_for_year(2025, sets).factor_set_id == "SH-2022"
    assert factor_set_for_year(2026, sets).factor_set_id == "SH-2026"


def test_m44_find_factor_set_by_id_and_unknown_id():
    assert find_factor_set("SH-2012").valid_to_year == 2021
    with pytest.raises(NotFound) as err:
        find_factor_set("SH-1999")
    assert err.value.field == "factor_set_id"


def test_m44_factor_set_rejects_inverted_validity_and_bad_fuel_unit():
    with pytest.raises(ValueError):
        FactorSet("X", 2022, 2021, Decimal(1), Decimal(1), {})
    with pytest.raises(ValueError):
        FactorSet("X", 2022, None, Decimal(1), Decimal(1), {"coal": FuelFactor("bushel", Decimal(1))})


@pytest.mark.parametrize("raw, canonical", [
    ("10^4 kWh", TEN_THOUSAND_KWH), ("10⁴ kWh", TEN_THOUSAND_KWH), ("万千瓦时", TEN_THOUSAND_KWH),
    ("gj", GIGAJOULE), ("10⁴ Nm³", TEN_THOUSAND_NM3), ("t", TONNE), ("tCO2e", "tCO2e"), ("MWh", None),
])
def test_m44_unit_spellings(raw, canonical):
    assert canonical_unit(raw) == canonical


def test_m44_a_factor_set_valid_for_one_year_only_is_accepted():
    one_year = FactorSet("SH-2030", 2030, 2030, Decimal("4.0"), Decimal("0.05"), {})
    assert one_year.covers(2030) and not one_year.covers(2029) and not one_year.covers(2031)


def test_m44_sub_1_factors_are_accepted_as_written():
    """Heat's 0.06 tCO2/GJ is below 1; so may electricity's and a fuel's be: only zero and below are refused."""
    s = FactorSet("X", 2030, None, Decimal("0.5"), Decimal("0.06"), {"biogas": FuelFactor(TONNE, Decimal("0.1"))})
    assert (s.electricity_t_per_10k_kwh, s.heat_t_per_gj, s.fuels["biogas"].t_co2_per_unit) == (
        Decimal("0.5"), Decimal("0.06"), Decimal("0.1"))


@pytest.mark.parametrize("electricity, heat, fuel", [
    (Decimal(0), Decimal("0.06"), Decimal(1)), (Decimal("4.2"), Decimal(0), Decimal(1)),
    (Decimal("4.2"), Decimal("0.06"), Decimal(0)), (Decimal("-0.01"), Decimal("0.06"), Decimal(1)),
    (Decimal("4.2"), Decimal("-0.01"), Decimal(1)), (Decimal("4.2"), Decimal("0.06"), Decimal("-1")),
])
def test_m44_a_zero_or_negative_factor_is_refused(electricity, heat, fuel):
    """A zero factor would make a source's emissions vanish from the report (M-44(1): emissions are the sum)."""
    with pytest.raises(ValueError):
        FactorSet("X", 2030, None, electricity, heat, {"coal": FuelFactor(TONNE, fuel)})


def test_m44_fuel_units_are_canonical_physical_units_never_tco2e():
    for unit in (TONNE, TEN_THOUSAND_NM3, GIGAJOULE):
        assert FactorSet("X", 2030, None, Decimal(1), Decimal(1), {"f": FuelFactor(unit, Decimal(1))})
    for unit in ("tCO2e", "10⁴ Nm³", "tonnes"):  # the output unit, and spellings that are not the canonical code
        with pytest.raises(ValueError):
            FactorSet("X", 2030, None, Decimal(1), Decimal(1), {"f": FuelFactor(unit, Decimal(1))})


@pytest.mark.parametrize("raw", ["tCO₂e", "t CO₂", "TCO2E"])
def test_m44_tco2e_spelt_with_a_subscript_two_is_tco2e(raw):
    assert canonical_unit(raw) == "tCO2e"


def test_m44_no_factor_set_for_the_year_names_the_year_and_article():
    with pytest.raises(NotFound) as err:
        factor_set_for_year(2008)
    assert (err.value.field, err.value.article) == ("year", "M-44")
    with pytest.raises(NotFound) as err:
        find_factor_set("SH-1999")
    assert err.value.article == "M-44"
