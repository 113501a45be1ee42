from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.historical_entry_base_years import HistoricalEntryBaseYears


T = TypeVar("T", bound="HistoricalEntry")


@_attrs_define
class HistoricalEntry:
    """历史排放法 (M-8): round(mean of base-year emissions x factor) + early-action bonus.

    Attributes:
        base_years (HistoricalEntryBaseYears): {"2022": 100000, ...}
        entity_id (str):
        method (Literal['historical']):
        early_action_bonus (int | Unset):  Default: 0.
        factor (int | str | Unset): an exact decimal as a string, up to 16 digits and 6 decimal places Default: '1'.
    """

    base_years: HistoricalEntryBaseYears
    entity_id: str
    method: Literal["historical"]
    early_action_bonus: int | Unset = 0
    factor: int | str | Unset = "1"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_years = self.base_years.to_dict()

        entity_id = self.entity_id

        method = self.method

        early_action_bonus = self.early_action_bonus

        factor: int | str | Unset
        if isinstance(self.factor, Unset):
            factor = UNSET
        else:
            factor = self.factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_years": base_years,
                "entity_id": entity_id,
                "method": method,
            }
        )
        if early_action_bonus is not UNSET:
            field_dict["early_action_bonus"] = early_action_bonus
        if factor is not UNSET:
            field_dict["factor"] = factor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.historical_entry_base_years import HistoricalEntryBaseYears  # noqa: PLC0415

        d = dict(src_dict)
        base_years = HistoricalEntryBaseYears.from_dict(d.pop("base_years"))

        entity_id = d.pop("entity_id")

        method = cast(Literal["historical"], d.pop("method"))
        if method != "historical":
            raise ValueError(f"method must match const 'historical', got '{method}'")

        early_action_bonus = d.pop("early_action_bonus", UNSET)

        def _parse_factor(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        factor = _parse_factor(d.pop("factor", UNSET))

        historical_entry = cls(
            base_years=base_years,
            entity_id=entity_id,
            method=method,
            early_action_bonus=early_action_bonus,
            factor=factor,
        )

        historical_entry.additional_properties = d
        return historical_entry

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
