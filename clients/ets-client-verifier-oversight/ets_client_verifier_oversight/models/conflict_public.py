from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConflictPublic")


@_attrs_define
class ConflictPublic:
    """
    Attributes:
        agency_id (None | str):
        description (str):
        entity_id (None | str):
    """

    agency_id: None | str
    description: str
    entity_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id: None | str
        agency_id = self.agency_id

        description = self.description

        entity_id: None | str
        entity_id = self.entity_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "description": description,
                "entity_id": entity_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agency_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agency_id = _parse_agency_id(d.pop("agency_id"))

        description = d.pop("description")

        def _parse_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))

        conflict_public = cls(
            agency_id=agency_id,
            description=description,
            entity_id=entity_id,
        )

        conflict_public.additional_properties = d
        return conflict_public

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
