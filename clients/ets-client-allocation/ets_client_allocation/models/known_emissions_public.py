from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KnownEmissionsPublic")


@_attrs_define
class KnownEmissionsPublic:
    """
    Attributes:
        energy_tce (int | None):
        entity_id (str):
        recorded_at (datetime.datetime):
        source (str):
        tonnes (int):
        year (int):
    """

    energy_tce: int | None
    entity_id: str
    recorded_at: datetime.datetime
    source: str
    tonnes: int
    year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        energy_tce: int | None
        energy_tce = self.energy_tce

        entity_id = self.entity_id

        recorded_at = self.recorded_at.isoformat()

        source = self.source

        tonnes = self.tonnes

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "energy_tce": energy_tce,
                "entity_id": entity_id,
                "recorded_at": recorded_at,
                "source": source,
                "tonnes": tonnes,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_energy_tce(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        energy_tce = _parse_energy_tce(d.pop("energy_tce"))

        entity_id = d.pop("entity_id")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        source = d.pop("source")

        tonnes = d.pop("tonnes")

        year = d.pop("year")

        known_emissions_public = cls(
            energy_tce=energy_tce,
            entity_id=entity_id,
            recorded_at=recorded_at,
            source=source,
            tonnes=tonnes,
            year=year,
        )

        known_emissions_public.additional_properties = d
        return known_emissions_public

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
