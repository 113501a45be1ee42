"""Versioned emission-factor tables (M-44(1); docs/rules.md §4, docs/policy-parameters.md#mrv).

A `FactorSet` holds the factors the service multiplies activity data by: purchased electricity (tCO2 per 10^4 kWh),
purchased heat (tCO2 per GJ) and fuel combustion (tCO2 per unit of each fuel). Sets are versioned by the compliance
years they apply to; the report keeps the id of the set it was computed with.

Built-in sets:
- "SH-2012": Shanghai GHG accounting and reporting guideline (2012): electricity 7.88 tCO2/10^4 kWh, heat
  0.11 tCO2/GJ; used for every compliance year up to and including 2021 (from 2009, the pilot's base years).
- "SH-2022": 沪环气〔2022〕34号: electricity 4.2 tCO2/10^4 kWh, heat 0.06 tCO2/GJ; from 2022, open-ended.

Fuel factors are DEFAULTS, identical in both sets, derived as NCV x carbon content x oxidation rate x 44/12 from the
default parameters of the Shanghai (2012) / national accounting guidelines, e.g. natural gas 389.31 GJ/10^4 Nm3 x
15.3 tC/TJ x 99% x 44/12 = 21.62 tCO2/10^4 Nm3. Further sets (or corrected factors) are data: an adapter may pass its
own sequence of `FactorSet`s wherever `BUILTIN_FACTOR_SETS` is the default.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Sequence

from ets_shared.errors import NotFound

# Canonical unit codes.
TONNE = "t"
TEN_THOUSAND_NM3 = "10^4 Nm3"
TEN_THOUSAND_KWH = "10^4 kWh"
GIGAJOULE = "GJ"
TONNE_CO2E = "tCO2e"

_UNIT_ALIASES = {
    "t": TONNE, "tonne": TONNE, "tonnes": TONNE, "吨": TONNE,
    "10^4nm3": TEN_THOUSAND_NM3, "万nm3": TEN_THOUSAND_NM3, "万立方米": TEN_THOUSAND_NM3,
    "10^4kwh": TEN_THOUSAND_KWH, "万kwh": TEN_THOUSAND_KWH, "万千瓦时": TEN_THOUSAND_KWH,
    "gj": GIGAJOULE,
    "tco2e": TONNE_CO2E, "tco2": TONNE_CO2E,
}


def canonical_unit(unit: str) -> str | None:
    """The canonical code of `unit` (spaces, case and superscripts ignored: "10⁴ kWh" == "10^4 kWh"), or None."""
    if not isinstance(unit, str):
        return None
    key = "".join(unit.split()).casefold().replace("⁴", "^4").replace("³", "3").replace("₂", "2")
    return _UNIT_ALIASES.get(key)


class FuelFactor(NamedTuple):
    """(unit, tCO2 per unit) for one fuel."""

    unit: str
    t_co2_per_unit: Decimal


@dataclass(frozen=True)
class FactorSet:
    """One version of the factor table; valid for compliance years valid_from_year..valid_to_year (inclusive)."""

    factor_set_id: str
    valid_from_year: int
    valid_to_year: int | None  # None: open-ended
    electricity_t_per_10k_kwh: Decimal
    heat_t_per_gj: Decimal
    fuels: dict[str, FuelFactor] = field(default_factory=dict)  # fuel code -> (unit, tCO2 per unit)

    def __post_init__(self) -> None:
        if self.valid_to_year is not None and self.valid_to_year < self.valid_from_year:
            raise ValueError(f"factor set {self.factor_set_id}: valid_to_year before valid_from_year")
        if self.electricity_t_per_10k_kwh <= 0 or self.heat_t_per_gj <= 0:
            raise ValueError(f"factor set {self.factor_set_id}: a factor is positive (tCO2 per unit of activity)")
        for code, fuel in self.fuels.items():
            # a fuel is measured in a physical unit; tCO2e is what the factor yields, never what is burnt
            if canonical_unit(fuel.unit) != fuel.unit or fuel.unit == TONNE_CO2E or fuel.t_co2_per_unit <= 0:
                raise ValueError(f"factor set {self.factor_set_id}: bad factor for fuel {code!r}")

    def covers(self, year: int) -> bool:
        return self.valid_from_year <= year and (self.valid_to_year is None or year <= self.valid_to_year)


DEFAULT_FUEL_FACTORS: dict[str, FuelFactor] = {
    "natural_gas": FuelFactor(TEN_THOUSAND_NM3, Decimal("21.62")),  # 天然气
    "raw_coal": FuelFactor(TONNE, Decimal("1.90")),  # 原煤
    "coke": FuelFactor(TONNE, Decimal("2.86")),  # 焦炭
    "diesel": FuelFactor(TONNE, Decimal("3.10")),  # 柴油
    "gasoline": FuelFactor(TONNE, Decimal("2.93")),  # 汽油
    "fuel_oil": FuelFactor(TONNE, Decimal("3.17")),  # 燃料油
    "lpg": FuelFactor(TONNE, Decimal("3.10")),  # 液化石油气
}

SH_2012 = FactorSet("SH-2012", 2009, 2021, Decimal("7.88"), Decimal("0.11"), dict(DEFAULT_FUEL_FACTORS))
SH_2022 = FactorSet("SH-2022", 2022, None, Decimal("4.2"), Decimal("0.06"), dict(DEFAULT_FUEL_FACTORS))
BUILTIN_FACTOR_SETS: tuple[FactorSet, ...] = (SH_2012, SH_2022)


def factor_set_for_year(year: int, sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS) -> FactorSet:
    """The set covering compliance year `year`. If several cover it, the newest (latest valid_from_year) wins, so a
    new open-ended set supersedes an older open-ended one without editing it. NotFound if none covers the year."""
    covering = [s for s in sets if s.covers(year)]
    if not covering:
        raise NotFound(f"no emission-factor set covers compliance year {year}", field="year", article="M-44")
    return max(covering, key=lambda s: s.valid_from_year)


def find_factor_set(factor_set_id: str, sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS) -> FactorSet:
    for candidate in sets:
        if candidate.factor_set_id == factor_set_id:
            return candidate
    raise NotFound(f"no emission-factor set {factor_set_id!r}", field="factor_set_id", article="M-44")
