from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ListedEntityPublic")


@_attrs_define
class ListedEntityPublic:
    """
    Attributes:
        coverage_basis (str):
        entity_id (str):
        first_compliance_year (int):
        name (str):
        sector (str):
    """

    coverage_basis: str
    entity_id: str
    first_compliance_year: int
    name: str
    sector: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        coverage_basis = self.coverage_basis

        entity_id = self.entity_id

        first_compliance_year = self.first_compliance_year

        name = self.name

        sector = self.sector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "coverage_basis": coverage_basis,
                "entity_id": entity_id,
                "first_compliance_year": first_compliance_year,
                "name": name,
                "sector": sector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coverage_basis = d.pop("coverage_basis")

        entity_id = d.pop("entity_id")

        first_compliance_year = d.pop("first_compliance_year")

        name = d.pop("name")

        sector = d.pop("sector")

        listed_entity_public = cls(
            coverage_basis=coverage_basis,
            entity_id=entity_id,
            first_compliance_year=first_compliance_year,
            name=name,
            sector=sector,
        )

        listed_entity_public.additional_properties = d
        return listed_entity_public

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
