from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.admit_member_kind import AdmitMemberKind

T = TypeVar("T", bound="AdmitMember")


@_attrs_define
class AdmitMember:
    """M-21: the operator admits another organisation or individual under the trading rules.

    Attributes:
        kind (AdmitMemberKind):
        member_id (str):
        name (str):
    """

    kind: AdmitMemberKind
    member_id: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        member_id = self.member_id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "member_id": member_id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = AdmitMemberKind(d.pop("kind"))

        member_id = d.pop("member_id")

        name = d.pop("name")

        admit_member = cls(
            kind=kind,
            member_id=member_id,
            name=name,
        )

        admit_member.additional_properties = d
        return admit_member

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
