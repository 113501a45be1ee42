from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberPublic")


@_attrs_define
class MemberPublic:
    """
    Attributes:
        admitted_at (datetime.datetime):
        covered_entity_id (None | str):
        kind (str):
        member_id (str):
        name (str):
        status (str):
        status_reason (None | str):
    """

    admitted_at: datetime.datetime
    covered_entity_id: None | str
    kind: str
    member_id: str
    name: str
    status: str
    status_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admitted_at = self.admitted_at.isoformat()

        covered_entity_id: None | str
        covered_entity_id = self.covered_entity_id

        kind = self.kind

        member_id = self.member_id

        name = self.name

        status = self.status

        status_reason: None | str
        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admitted_at": admitted_at,
                "covered_entity_id": covered_entity_id,
                "kind": kind,
                "member_id": member_id,
                "name": name,
                "status": status,
                "status_reason": status_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        admitted_at = datetime.datetime.fromisoformat(d.pop("admitted_at"))

        def _parse_covered_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        covered_entity_id = _parse_covered_entity_id(d.pop("covered_entity_id"))

        kind = d.pop("kind")

        member_id = d.pop("member_id")

        name = d.pop("name")

        status = d.pop("status")

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        member_public = cls(
            admitted_at=admitted_at,
            covered_entity_id=covered_entity_id,
            kind=kind,
            member_id=member_id,
            name=name,
            status=status,
            status_reason=status_reason,
        )

        member_public.additional_properties = d
        return member_public

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
