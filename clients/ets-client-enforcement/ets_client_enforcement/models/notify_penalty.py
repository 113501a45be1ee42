from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notify_penalty_method import NotifyPenaltyMethod

T = TypeVar("T", bound="NotifyPenalty")


@_attrs_define
class NotifyPenalty:
    """
    Attributes:
        method (NotifyPenaltyMethod):
        served_on (datetime.date): The day the decision reached the party (送达)
    """

    method: NotifyPenaltyMethod
    served_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        served_on = self.served_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "served_on": served_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = NotifyPenaltyMethod(d.pop("method"))

        served_on = datetime.date.fromisoformat(d.pop("served_on"))

        notify_penalty = cls(
            method=method,
            served_on=served_on,
        )

        notify_penalty.additional_properties = d
        return notify_penalty

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
