from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParticipantPublic")


@_attrs_define
class ParticipantPublic:
    """Whom the exchange opened a trading account for (M-22).

    Attributes:
        covered_entity_id (None | str):
        member_id (str):
        name (str):
        participant_id (str):
        participant_kind (str):
    """

    covered_entity_id: None | str
    member_id: str
    name: str
    participant_id: str
    participant_kind: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        covered_entity_id: None | str
        covered_entity_id = self.covered_entity_id

        member_id = self.member_id

        name = self.name

        participant_id = self.participant_id

        participant_kind = self.participant_kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "covered_entity_id": covered_entity_id,
                "member_id": member_id,
                "name": name,
                "participant_id": participant_id,
                "participant_kind": participant_kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_covered_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        covered_entity_id = _parse_covered_entity_id(d.pop("covered_entity_id"))

        member_id = d.pop("member_id")

        name = d.pop("name")

        participant_id = d.pop("participant_id")

        participant_kind = d.pop("participant_kind")

        participant_public = cls(
            covered_entity_id=covered_entity_id,
            member_id=member_id,
            name=name,
            participant_id=participant_id,
            participant_kind=participant_kind,
        )

        participant_public.additional_properties = d
        return participant_public

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
