from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PrintPublic")


@_attrs_define
class PrintPublic:
    """
    Attributes:
        executed_at (Any):
        mode (str):
        price (str): Amount in yuan (CNY), exact decimal
        quantity (int):
        trade_id (str):
    """

    executed_at: Any
    mode: str
    price: str
    quantity: int
    trade_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        executed_at = self.executed_at

        mode = self.mode

        price = self.price

        quantity = self.quantity

        trade_id = self.trade_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "executed_at": executed_at,
                "mode": mode,
                "price": price,
                "quantity": quantity,
                "trade_id": trade_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        executed_at = d.pop("executed_at")

        mode = d.pop("mode")

        price = d.pop("price")

        quantity = d.pop("quantity")

        trade_id = d.pop("trade_id")

        print_public = cls(
            executed_at=executed_at,
            mode=mode,
            price=price,
            quantity=quantity,
            trade_id=trade_id,
        )

        print_public.additional_properties = d
        return print_public

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
