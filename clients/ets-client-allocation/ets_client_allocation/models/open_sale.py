from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.open_sale_kind import OpenSaleKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="OpenSale")


@_attrs_define
class OpenSale:
    """M-9: sell part of the plan's paid reserve by auction (sealed bids at or above the reserve price) or at a
    fixed price.

        Attributes:
            kind (OpenSaleKind):
            quantity (int):
            price (int | None | str | Unset): the fixed price (fixed_price only)
    """

    kind: OpenSaleKind
    quantity: int
    price: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        quantity = self.quantity

        price: int | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "quantity": quantity,
            }
        )
        if price is not UNSET:
            field_dict["price"] = price

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = OpenSaleKind(d.pop("kind"))

        quantity = d.pop("quantity")

        def _parse_price(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        open_sale = cls(
            kind=kind,
            quantity=quantity,
            price=price,
        )

        open_sale.additional_properties = d
        return open_sale

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
