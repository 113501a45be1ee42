from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConflictIn")


@_attrs_define
class ConflictIn:
    """
    Attributes:
        description (str):
        agency_id (None | str | Unset):
        entity_id (None | str | Unset):
    """

    description: str
    agency_id: None | str | Unset = UNSET
    entity_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        agency_id: None | str | Unset
        if isinstance(self.agency_id, Unset):
            agency_id = UNSET
        else:
            agency_id = self.agency_id

        entity_id: None | str | Unset
        if isinstance(self.entity_id, Unset):
            entity_id = UNSET
        else:
            entity_id = self.entity_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
            }
        )
        if agency_id is not UNSET:
            field_dict["agency_id"] = agency_id
        if entity_id is not UNSET:
            field_dict["entity_id"] = entity_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        def _parse_agency_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agency_id = _parse_agency_id(d.pop("agency_id", UNSET))

        def _parse_entity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity_id = _parse_entity_id(d.pop("entity_id", UNSET))

        conflict_in = cls(
            description=description,
            agency_id=agency_id,
            entity_id=entity_id,
        )

        return conflict_in
