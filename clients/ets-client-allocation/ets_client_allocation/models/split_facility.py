from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SplitFacility")


@_attrs_define
class SplitFacility:
    """One emission facility of a split plan (M-10, M-44(4)) and the successor that owns it after the split.

    Attributes:
        facility_id (str):
        holdings_share (int | str): percent of the predecessor's allowances, a decimal string
        obligations_share (int | str): percent of its unmet obligations, a decimal string
        successor_id (str):
    """

    facility_id: str
    holdings_share: int | str
    obligations_share: int | str
    successor_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        facility_id = self.facility_id

        holdings_share: int | str
        holdings_share = self.holdings_share

        obligations_share: int | str
        obligations_share = self.obligations_share

        successor_id = self.successor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "facility_id": facility_id,
                "holdings_share": holdings_share,
                "obligations_share": obligations_share,
                "successor_id": successor_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        facility_id = d.pop("facility_id")

        def _parse_holdings_share(data: object) -> int | str:
            return cast(int | str, data)

        holdings_share = _parse_holdings_share(d.pop("holdings_share"))

        def _parse_obligations_share(data: object) -> int | str:
            return cast(int | str, data)

        obligations_share = _parse_obligations_share(d.pop("obligations_share"))

        successor_id = d.pop("successor_id")

        split_facility = cls(
            facility_id=facility_id,
            holdings_share=holdings_share,
            obligations_share=obligations_share,
            successor_id=successor_id,
        )

        split_facility.additional_properties = d
        return split_facility

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
