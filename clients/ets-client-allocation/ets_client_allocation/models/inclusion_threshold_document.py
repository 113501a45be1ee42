from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InclusionThresholdDocument")


@_attrs_define
class InclusionThresholdDocument:
    """
    Attributes:
        min_emissions_t (int): covered at or above this many tCO2e a year (以上, inclusive)
        sector (str):
        min_energy_tce (int | None | Unset): or at or above this energy use (tce)
    """

    min_emissions_t: int
    sector: str
    min_energy_tce: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        min_emissions_t = self.min_emissions_t

        sector = self.sector

        min_energy_tce: int | None | Unset
        if isinstance(self.min_energy_tce, Unset):
            min_energy_tce = UNSET
        else:
            min_energy_tce = self.min_energy_tce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "min_emissions_t": min_emissions_t,
                "sector": sector,
            }
        )
        if min_energy_tce is not UNSET:
            field_dict["min_energy_tce"] = min_energy_tce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        min_emissions_t = d.pop("min_emissions_t")

        sector = d.pop("sector")

        def _parse_min_energy_tce(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_energy_tce = _parse_min_energy_tce(d.pop("min_energy_tce", UNSET))

        inclusion_threshold_document = cls(
            min_emissions_t=min_emissions_t,
            sector=sector,
            min_energy_tce=min_energy_tce,
        )

        inclusion_threshold_document.additional_properties = d
        return inclusion_threshold_document

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
