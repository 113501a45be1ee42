from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecalledVintage")


@_attrs_define
class RecalledVintage:
    """
    Attributes:
        due (int): Whole tonnes CO2e / allowances
        issued_free (int): Whole tonnes CO2e / allowances
        recalled (int): Whole tonnes CO2e / allowances
        unrecovered (int): Whole tonnes CO2e / allowances
        vintage (int):
    """

    due: int
    issued_free: int
    recalled: int
    unrecovered: int
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due

        issued_free = self.issued_free

        recalled = self.recalled

        unrecovered = self.unrecovered

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "issued_free": issued_free,
                "recalled": recalled,
                "unrecovered": unrecovered,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due = d.pop("due")

        issued_free = d.pop("issued_free")

        recalled = d.pop("recalled")

        unrecovered = d.pop("unrecovered")

        vintage = d.pop("vintage")

        recalled_vintage = cls(
            due=due,
            issued_free=issued_free,
            recalled=recalled,
            unrecovered=unrecovered,
            vintage=vintage,
        )

        recalled_vintage.additional_properties = d
        return recalled_vintage

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
