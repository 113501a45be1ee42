from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeclareEmissions")


@_attrs_define
class DeclareEmissions:
    """Annual emissions the authority knows from its own data (e.g. energy statistics) — the base of the M-5 list.

    Attributes:
        tonnes (int): tCO2e in `year`
        year (int): a compliance year (2013-2100)
        energy_tce (int | None | Unset): energy use (t standard coal)
    """

    tonnes: int
    year: int
    energy_tce: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tonnes = self.tonnes

        year = self.year

        energy_tce: int | None | Unset
        if isinstance(self.energy_tce, Unset):
            energy_tce = UNSET
        else:
            energy_tce = self.energy_tce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tonnes": tonnes,
                "year": year,
            }
        )
        if energy_tce is not UNSET:
            field_dict["energy_tce"] = energy_tce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tonnes = d.pop("tonnes")

        year = d.pop("year")

        def _parse_energy_tce(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        energy_tce = _parse_energy_tce(d.pop("energy_tce", UNSET))

        declare_emissions = cls(
            tonnes=tonnes,
            year=year,
            energy_tce=energy_tce,
        )

        declare_emissions.additional_properties = d
        return declare_emissions

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
