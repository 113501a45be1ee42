from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LotPublic")


@_attrs_define
class LotPublic:
    """
    Attributes:
        expected_volume (int):
        lot_no (int):
        max_winners (int):
        sectors (list[str]):
        title (str):
    """

    expected_volume: int
    lot_no: int
    max_winners: int
    sectors: list[str]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected_volume = self.expected_volume

        lot_no = self.lot_no

        max_winners = self.max_winners

        sectors = self.sectors

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expected_volume": expected_volume,
                "lot_no": lot_no,
                "max_winners": max_winners,
                "sectors": sectors,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expected_volume = d.pop("expected_volume")

        lot_no = d.pop("lot_no")

        max_winners = d.pop("max_winners")

        sectors = cast(list[str], d.pop("sectors"))

        title = d.pop("title")

        lot_public = cls(
            expected_volume=expected_volume,
            lot_no=lot_no,
            max_winners=max_winners,
            sectors=sectors,
            title=title,
        )

        lot_public.additional_properties = d
        return lot_public

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
