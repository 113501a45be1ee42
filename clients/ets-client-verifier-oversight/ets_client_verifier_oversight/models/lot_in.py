from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LotIn")


@_attrs_define
class LotIn:
    """
    Attributes:
        expected_volume (int): Entities the lot expects to be verified
        lot_no (int):
        sectors (list[str]):
        title (str):
        max_winners (int | Unset): Agencies that may win the lot Default: 1.
    """

    expected_volume: int
    lot_no: int
    sectors: list[str]
    title: str
    max_winners: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        expected_volume = self.expected_volume

        lot_no = self.lot_no

        sectors = self.sectors

        title = self.title

        max_winners = self.max_winners

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expected_volume": expected_volume,
                "lot_no": lot_no,
                "sectors": sectors,
                "title": title,
            }
        )
        if max_winners is not UNSET:
            field_dict["max_winners"] = max_winners

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expected_volume = d.pop("expected_volume")

        lot_no = d.pop("lot_no")

        sectors = cast(list[str], d.pop("sectors"))

        title = d.pop("title")

        max_winners = d.pop("max_winners", UNSET)

        lot_in = cls(
            expected_volume=expected_volume,
            lot_no=lot_no,
            sectors=sectors,
            title=title,
            max_winners=max_winners,
        )

        return lot_in
