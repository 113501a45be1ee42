from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportHistoricalDetermination")


@_attrs_define
class ImportHistoricalDetermination:
    """An earlier year's determined emissions from the legacy system (basis of the M-15 ¶2(2) comparison).

    Attributes:
        compliance_year (int):
        emissions (int): whole tCO2e
        entity_id (str):
    """

    compliance_year: int
    emissions: int
    entity_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        emissions = self.emissions

        entity_id = self.entity_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "emissions": emissions,
                "entity_id": entity_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        emissions = d.pop("emissions")

        entity_id = d.pop("entity_id")

        import_historical_determination = cls(
            compliance_year=compliance_year,
            emissions=emissions,
            entity_id=entity_id,
        )

        import_historical_determination.additional_properties = d
        return import_historical_determination

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
