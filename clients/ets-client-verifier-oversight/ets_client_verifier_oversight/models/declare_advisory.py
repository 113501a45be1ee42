from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeclareAdvisory")


@_attrs_define
class DeclareAdvisory:
    """An agency's advisory (consulting) relation with an entity: a conflict of interest for verifying it.

    Attributes:
        description (str):
        entity_id (str):
        from_year (int): Compliance year whose reports are verified
        to_year (int | None | Unset): Last year of the relation; null: ongoing
    """

    description: str
    entity_id: str
    from_year: int
    to_year: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        entity_id = self.entity_id

        from_year = self.from_year

        to_year: int | None | Unset
        if isinstance(self.to_year, Unset):
            to_year = UNSET
        else:
            to_year = self.to_year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "entity_id": entity_id,
                "from_year": from_year,
            }
        )
        if to_year is not UNSET:
            field_dict["to_year"] = to_year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        entity_id = d.pop("entity_id")

        from_year = d.pop("from_year")

        def _parse_to_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        to_year = _parse_to_year(d.pop("to_year", UNSET))

        declare_advisory = cls(
            description=description,
            entity_id=entity_id,
            from_year=from_year,
            to_year=to_year,
        )

        return declare_advisory
