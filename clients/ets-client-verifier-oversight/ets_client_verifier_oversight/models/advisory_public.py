from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdvisoryPublic")


@_attrs_define
class AdvisoryPublic:
    """
    Attributes:
        agency_id (str):
        description (str):
        entity_id (str):
        from_year (int):
        to_year (int | None):
    """

    agency_id: str
    description: str
    entity_id: str
    from_year: int
    to_year: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        description = self.description

        entity_id = self.entity_id

        from_year = self.from_year

        to_year: int | None
        to_year = self.to_year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "description": description,
                "entity_id": entity_id,
                "from_year": from_year,
                "to_year": to_year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        description = d.pop("description")

        entity_id = d.pop("entity_id")

        from_year = d.pop("from_year")

        def _parse_to_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        to_year = _parse_to_year(d.pop("to_year"))

        advisory_public = cls(
            agency_id=agency_id,
            description=description,
            entity_id=entity_id,
            from_year=from_year,
            to_year=to_year,
        )

        advisory_public.additional_properties = d
        return advisory_public

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
