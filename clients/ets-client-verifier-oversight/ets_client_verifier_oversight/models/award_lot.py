from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.winner import Winner


T = TypeVar("T", bound="AwardLot")


@_attrs_define
class AwardLot:
    """
    Attributes:
        winners (list[Winner]):
    """

    winners: list[Winner]

    def to_dict(self) -> dict[str, Any]:
        winners = []
        for winners_item_data in self.winners:
            winners_item = winners_item_data.to_dict()
            winners.append(winners_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "winners": winners,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.winner import Winner  # noqa: PLC0415

        d = dict(src_dict)
        winners = []
        _winners = d.pop("winners")
        for winners_item_data in _winners:
            winners_item = Winner.from_dict(winners_item_data)

            winners.append(winners_item)

        award_lot = cls(
            winners=winners,
        )

        return award_lot
