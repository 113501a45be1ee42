"""M-44(1): emissions = direct (fuel combustion + industrial process) + indirect (purchased electricity + heat)."""
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from mrv.domain.emissions import ActivitySource, SourceKind, compute_emissions, source_emissions, to_tonnes
from mrv.domain.factors import factor_set_for_year

SH2012 = factor_set_for_year(2021)
SH2022 = factor_set_for_year(2022)


def src(kind, quantity, unit, fuel=None):
    return ActivitySource(SourceKind(kind), Decimal(quantity), unit, fuel, "")


def test_m44_direct_is_fuel_plus_process_and_indirect_is_electricity_plus_heat():
    sources = [
        src("fuel", "100", "10^4 Nm3", "natural_gas"),  # 2162
        src("fuel", "10", "t", "diesel"),  # 31.0
        src("process", "500.5", "tCO2e"),  # 500.5
        src("electricity", "1000", "10^4 kWh"),  # 4200
        src("heat", "10000", "GJ"),  # 600
    ]
    b = compute_emissions(sources, SH2022)
    assert b.direct == Decimal("2693.5")
    assert b.indirect == Decimal("4800")
    assert b.total == Decimal("7493.5")
    assert b.total_tonnes == 7494  # ROUND_HALF_UP
    assert b.factor_set_id == "SH-2022"


def test_m44_same_activity_uses_the_years_factor_set():
    sources = [src("electricity", "100", "10^4 kWh"), src("heat", "100", "GJ")]
    assert compute_emissions(sources, SH2012).total == Decimal("799")  # 788 + 11
    assert compute_emissions(sources, SH2022).total == Decimal("426")  # 420 + 6


@pytest.mark.parametrize("amount, tonnes", [("100.5", 101), ("100.4999", 100), ("0.5", 1), ("99.49", 99)])
def test_m44_total_rounds_half_up_to_whole_tonnes(amount, tonnes):
    assert to_tonnes(Decimal(amount)) == tonnes
    assert compute_emissions([src("process", amount, "tCO2e")], SH2022).total_tonnes == tonnes


def test_m44_only_the_total_is_rounded_not_each_source():
    # 0.4 + 0.4 = 0.8 -> 1 t; rounding each source first would give 0
    b = compute_emissions([src("process", "0.4", "tCO2e"), src("process", "0.4", "tCO2e")], SH2022)
    assert b.total_tonnes == 1


def test_m44_superscript_unit_spelling_is_accepted():
    assert compute_emissions([src("electricity", "1", "10⁴ kWh")], SH2022).total == Decimal("4.2")


def test_m44_zero_quantity_is_allowed():
    assert compute_emissions([src("heat", "0", "GJ")], SH2022).total_tonnes == 0


def test_m44_int_quantity_is_accepted_as_exact():
    b = compute_emissions([ActivitySource(SourceKind.FUEL, 2, "t", "raw_coal")], SH2022)
    assert b.total == Decimal("3.80")


def violation(sources, field="sources"):
    with pytest.raises(RuleViolation) as err:
        compute_emissions(sources, SH2022, field=field)
    assert err.value.article == "M-44"
    return err.value.field


def test_m44_at_least_one_source():
    assert violation([]) == "sources"


def test_m44_negative_quantity_refused_naming_the_source():
    assert violation([src("heat", "1", "GJ"), src("heat", "-0.01", "GJ")]) == "sources[1].quantity"


@pytest.mark.parametrize("bad", [1.5, "12", Decimal("NaN"), Decimal("Infinity"), True])
def test_m44_quantity_must_be_an_exact_finite_decimal(bad):
    assert violation([ActivitySource(SourceKind.HEAT, bad, "GJ")]) == "sources[0].quantity"


def test_m44_unknown_fuel_refused():
    assert violation([src("fuel", "1", "t", "peat")]) == "sources[0].fuel"


def test_m44_fuel_source_must_name_a_fuel():
    assert violation([src("fuel", "1", "t")]) == "sources[0].fuel"


def test_m44_non_fuel_source_must_not_name_a_fuel():
    assert violation([src("electricity", "1", "10^4 kWh", "diesel")]) == "sources[0].fuel"


@pytest.mark.parametrize("source", [
    src("fuel", "1", "t", "natural_gas"),  # gas is per 10^4 Nm3
    src("fuel", "1", "10^4 Nm3", "diesel"),  # diesel is per tonne
    src("electricity", "1", "MWh"),
    src("heat", "1", "10^4 kWh"),
    src("process", "1", "t"),
])
def test_m44_units_must_match_the_factor(source):
    assert violation([source]) == "sources[0].unit"


def test_m44_unknown_kind_refused():
    assert violation([ActivitySource("nuclear", Decimal(1), "t")]) == "sources[0].kind"


def test_m44_error_path_uses_the_callers_field_name():
    assert violation([src("heat", "-1", "GJ")], field="verified_sources") == "verified_sources[0].quantity"


def test_m44_kind_given_as_string_value_is_accepted():
    assert compute_emissions([ActivitySource("heat", Decimal(10), "GJ")], SH2022).total == Decimal("0.60")


def test_m44_one_source_checked_alone_is_named_source():
    with pytest.raises(RuleViolation) as err:
        source_emissions(src("fuel", "1", "t"), SH2022)
    assert (err.value.field, err.value.article) == ("source.fuel", "M-44")
    assert source_emissions(src("process", "12.5", "tCO2e"), SH2022) == (SourceKind.PROCESS, Decimal("12.5"))
