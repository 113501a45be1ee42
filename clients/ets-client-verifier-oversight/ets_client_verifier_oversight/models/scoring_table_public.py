from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scoring_item_public import ScoringItemPublic


T = TypeVar("T", bound="ScoringTablePublic")


@_attrs_define
class ScoringTablePublic:
    """
    Attributes:
        adopted_at (datetime.datetime | None):
        adopted_by (None | str):
        automatic_items_omitted (list[str]):
        compliance_year (int):
        items (list[ScoringItemPublic]):
        reason (str):
        version (int):
    """

    adopted_at: datetime.datetime | None
    adopted_by: None | str
    automatic_items_omitted: list[str]
    compliance_year: int
    items: list[ScoringItemPublic]
    reason: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        adopted_at: None | str
        if isinstance(self.adopted_at, datetime.datetime):
            adopted_at = self.adopted_at.isoformat()
        else:
            adopted_at = self.adopted_at

        adopted_by: None | str
        adopted_by = self.adopted_by

        automatic_items_omitted = self.automatic_items_omitted

        compliance_year = self.compliance_year

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        reason = self.reason

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "adopted_at": adopted_at,
                "adopted_by": adopted_by,
                "automatic_items_omitted": automatic_items_omitted,
                "compliance_year": compliance_year,
                "items": items,
                "reason": reason,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scoring_item_public import ScoringItemPublic  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_adopted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                adopted_at_type_0 = datetime.datetime.fromisoformat(data)

                return adopted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        adopted_at = _parse_adopted_at(d.pop("adopted_at"))

        def _parse_adopted_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adopted_by = _parse_adopted_by(d.pop("adopted_by"))

        automatic_items_omitted = cast(list[str], d.pop("automatic_items_omitted"))

        compliance_year = d.pop("compliance_year")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ScoringItemPublic.from_dict(items_item_data)

            items.append(items_item)

        reason = d.pop("reason")

        version = d.pop("version")

        scoring_table_public = cls(
            adopted_at=adopted_at,
            adopted_by=adopted_by,
            automatic_items_omitted=automatic_items_omitted,
            compliance_year=compliance_year,
            items=items,
            reason=reason,
            version=version,
        )

        scoring_table_public.additional_properties = d
        return scoring_table_public

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
