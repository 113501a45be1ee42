from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ListProduct")


@_attrs_define
class ListProduct:
    """M-19: a product (allowances of one vintage) the exchange trades; its reference price is the previous close
    until its first day of open-bidding trades.

        Attributes:
            product_id (str):
            reference_price (str): yuan per tonne, e.g. "45.20"
            vintage (int):
    """

    product_id: str
    reference_price: str
    vintage: int

    def to_dict(self) -> dict[str, Any]:
        product_id = self.product_id

        reference_price = self.reference_price

        vintage = self.vintage

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product_id": product_id,
                "reference_price": reference_price,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        product_id = d.pop("product_id")

        reference_price = d.pop("reference_price")

        vintage = d.pop("vintage")

        list_product = cls(
            product_id=product_id,
            reference_price=reference_price,
            vintage=vintage,
        )

        return list_product
