from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeeRates")


@_attrs_define
class FeeRates:
    """
    Attributes:
        buyer (int | str): an exact decimal as a string
        seller (int | str): an exact decimal as a string
    """

    buyer: int | str
    seller: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        buyer: int | str
        buyer = self.buyer

        seller: int | str
        seller = self.seller

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "buyer": buyer,
                "seller": seller,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_buyer(data: object) -> int | str:
            return cast(int | str, data)

        buyer = _parse_buyer(d.pop("buyer"))

        def _parse_seller(data: object) -> int | str:
            return cast(int | str, data)

        seller = _parse_seller(d.pop("seller"))

        fee_rates = cls(
            buyer=buyer,
            seller=seller,
        )

        fee_rates.additional_properties = d
        return fee_rates

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
