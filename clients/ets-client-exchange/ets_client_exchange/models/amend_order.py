from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AmendOrder")


@_attrs_define
class AmendOrder:
    """New price and/or new open quantity; the order keeps its priority only if it just gets smaller.

    Attributes:
        price (str): yuan per tonne, e.g. "45.20"
        quantity (int): whole tonnes
    """

    price: str
    quantity: int

    def to_dict(self) -> dict[str, Any]:
        price = self.price

        quantity = self.quantity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price": price,
                "quantity": quantity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        price = d.pop("price")

        quantity = d.pop("quantity")

        amend_order = cls(
            price=price,
            quantity=quantity,
        )

        return amend_order
