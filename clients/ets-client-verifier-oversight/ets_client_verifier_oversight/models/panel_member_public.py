from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conflict_public import ConflictPublic


T = TypeVar("T", bound="PanelMemberPublic")


@_attrs_define
class PanelMemberPublic:
    """
    Attributes:
        affiliation (str):
        compliance_year (int):
        conflicts (list[ConflictPublic]):
        kind (str):
        member_id (str):
        name (str):
    """

    affiliation: str
    compliance_year: int
    conflicts: list[ConflictPublic]
    kind: str
    member_id: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        affiliation = self.affiliation

        compliance_year = self.compliance_year

        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        kind = self.kind

        member_id = self.member_id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "affiliation": affiliation,
                "compliance_year": compliance_year,
                "conflicts": conflicts,
                "kind": kind,
                "member_id": member_id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_public import ConflictPublic  # noqa: PLC0415

        d = dict(src_dict)
        affiliation = d.pop("affiliation")

        compliance_year = d.pop("compliance_year")

        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ConflictPublic.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        kind = d.pop("kind")

        member_id = d.pop("member_id")

        name = d.pop("name")

        panel_member_public = cls(
            affiliation=affiliation,
            compliance_year=compliance_year,
            conflicts=conflicts,
            kind=kind,
            member_id=member_id,
            name=name,
        )

        panel_member_public.additional_properties = d
        return panel_member_public

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
