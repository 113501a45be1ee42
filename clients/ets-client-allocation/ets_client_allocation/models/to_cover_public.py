from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.known_emissions_public import KnownEmissionsPublic


T = TypeVar("T", bound="ToCoverPublic")


@_attrs_define
class ToCoverPublic:
    """
    Attributes:
        emissions (KnownEmissionsPublic):
        entity_id (str):
        name (str):
        sector (str):
    """

    emissions: KnownEmissionsPublic
    entity_id: str
    name: str
    sector: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        emissions = self.emissions.to_dict()

        entity_id = self.entity_id

        name = self.name

        sector = self.sector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "emissions": emissions,
                "entity_id": entity_id,
                "name": name,
                "sector": sector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.known_emissions_public import KnownEmissionsPublic  # noqa: PLC0415

        d = dict(src_dict)
        emissions = KnownEmissionsPublic.from_dict(d.pop("emissions"))

        entity_id = d.pop("entity_id")

        name = d.pop("name")

        sector = d.pop("sector")

        to_cover_public = cls(
            emissions=emissions,
            entity_id=entity_id,
            name=name,
            sector=sector,
        )

        to_cover_public.additional_properties = d
        return to_cover_public

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
