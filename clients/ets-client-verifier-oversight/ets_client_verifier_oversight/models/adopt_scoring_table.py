from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.scoring_item_in import ScoringItemIn


T = TypeVar("T", bound="AdoptScoringTable")


@_attrs_define
class AdoptScoringTable:
    """考核记分细则: the year's scoring table, adopted as its next version.

    Attributes:
        items (list[ScoringItemIn]):
        reason (str):
    """

    items: list[ScoringItemIn]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scoring_item_in import ScoringItemIn  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ScoringItemIn.from_dict(items_item_data)

            items.append(items_item)

        reason = d.pop("reason")

        adopt_scoring_table = cls(
            items=items,
            reason=reason,
        )

        return adopt_scoring_table
