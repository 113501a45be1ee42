from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Determine")


@_attrs_define
class Determine:
    """M-15: the authority determines the year — the verified figure (`emissions` may be omitted; no other figure
    without a re-check); after a re-check its figure and reasons; for a covered entity found without a report or
    without a verification at the deadline, its own figure and the basis it rests on (`reason`).

        Attributes:
            emissions (int | None | Unset): whole tCO2e
            reason (None | str | Unset): the reasons (re-check) or the stated basis (the authority's own figure)
    """

    emissions: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        emissions: int | None | Unset
        if isinstance(self.emissions, Unset):
            emissions = UNSET
        else:
            emissions = self.emissions

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if emissions is not UNSET:
            field_dict["emissions"] = emissions
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_emissions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        emissions = _parse_emissions(d.pop("emissions", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        determine = cls(
            emissions=emissions,
            reason=reason,
        )

        determine.additional_properties = d
        return determine

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
