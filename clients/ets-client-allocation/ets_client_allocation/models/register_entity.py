from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterEntity")


@_attrs_define
class RegisterEntity:
    """M-5 / M-12 ¶2: an emitter the authority knows, with its annual emissions; the year's thresholds decide whether
    it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12 ¶2). Below both it is
    refused: it may apply to be covered (`POST /coverage-applications`).

        Attributes:
            annual_emissions (int): tCO2e in `emissions_year`, as the authority knows them (energy statistics, a report)
            entity_id (str):
            name (str):
            sector (str):
            compliance_year (int | None | Unset): the first year it is on the list; default the current (Shanghai) year
            emissions_year (int | None | Unset): the year of the figures; default the year before `compliance_year`
            energy_tce (int | None | Unset): annual energy use (t standard coal), where the sector has a threshold
    """

    annual_emissions: int
    entity_id: str
    name: str
    sector: str
    compliance_year: int | None | Unset = UNSET
    emissions_year: int | None | Unset = UNSET
    energy_tce: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annual_emissions = self.annual_emissions

        entity_id = self.entity_id

        name = self.name

        sector = self.sector

        compliance_year: int | None | Unset
        if isinstance(self.compliance_year, Unset):
            compliance_year = UNSET
        else:
            compliance_year = self.compliance_year

        emissions_year: int | None | Unset
        if isinstance(self.emissions_year, Unset):
            emissions_year = UNSET
        else:
            emissions_year = self.emissions_year

        energy_tce: int | None | Unset
        if isinstance(self.energy_tce, Unset):
            energy_tce = UNSET
        else:
            energy_tce = self.energy_tce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annual_emissions": annual_emissions,
                "entity_id": entity_id,
                "name": name,
                "sector": sector,
            }
        )
        if compliance_year is not UNSET:
            field_dict["compliance_year"] = compliance_year
        if emissions_year is not UNSET:
            field_dict["emissions_year"] = emissions_year
        if energy_tce is not UNSET:
            field_dict["energy_tce"] = energy_tce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        annual_emissions = d.pop("annual_emissions")

        entity_id = d.pop("entity_id")

        name = d.pop("name")

        sector = d.pop("sector")

        def _parse_compliance_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        compliance_year = _parse_compliance_year(d.pop("compliance_year", UNSET))

        def _parse_emissions_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        emissions_year = _parse_emissions_year(d.pop("emissions_year", UNSET))

        def _parse_energy_tce(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        energy_tce = _parse_energy_tce(d.pop("energy_tce", UNSET))

        register_entity = cls(
            annual_emissions=annual_emissions,
            entity_id=entity_id,
            name=name,
            sector=sector,
            compliance_year=compliance_year,
            emissions_year=emissions_year,
            energy_tce=energy_tce,
        )

        register_entity.additional_properties = d
        return register_entity

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
