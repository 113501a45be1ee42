from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProductPublic")


@_attrs_define
class ProductPublic:
    """
    Attributes:
        listed_at (datetime.datetime):
        product_id (str):
        reference_price (str): Amount in yuan (CNY), exact decimal
        vintage (int):
    """

    listed_at: datetime.datetime
    product_id: str
    reference_price: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        listed_at = self.listed_at.isoformat()

        product_id = self.product_id

        reference_price = self.reference_price

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "listed_at": listed_at,
                "product_id": product_id,
                "reference_price": reference_price,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        listed_at = datetime.datetime.fromisoformat(d.pop("listed_at"))

        product_id = d.pop("product_id")

        reference_price = d.pop("reference_price")

        vintage = d.pop("vintage")

        product_public = cls(
            listed_at=listed_at,
            product_id=product_id,
            reference_price=reference_price,
            vintage=vintage,
        )

        product_public.additional_properties = d
        return product_public

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
