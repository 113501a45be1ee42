from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.lodge_appeal_kind import LodgeAppealKind

T = TypeVar("T", bound="LodgeAppeal")


@_attrs_define
class LodgeAppeal:
    """
    Attributes:
        body (str): The reconsideration organ or the court
        filed_on (datetime.date): a date between 2000-01-01 and 2100-12-31
        grounds (str):
        kind (LodgeAppealKind):
    """

    body: str
    filed_on: datetime.date
    grounds: str
    kind: LodgeAppealKind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        filed_on = self.filed_on.isoformat()

        grounds = self.grounds

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "filed_on": filed_on,
                "grounds": grounds,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        filed_on = datetime.date.fromisoformat(d.pop("filed_on"))

        grounds = d.pop("grounds")

        kind = LodgeAppealKind(d.pop("kind"))

        lodge_appeal = cls(
            body=body,
            filed_on=filed_on,
            grounds=grounds,
            kind=kind,
        )

        lodge_appeal.additional_properties = d
        return lodge_appeal

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
