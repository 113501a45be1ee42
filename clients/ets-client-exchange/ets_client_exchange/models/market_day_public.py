from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_day import ProductDay


T = TypeVar("T", bound="MarketDayPublic")


@_attrs_define
class MarketDayPublic:
    """
    Attributes:
        products (list[ProductDay]):
        reported_at (Any):
        trading_date (datetime.date):
    """

    products: list[ProductDay]
    reported_at: Any
    trading_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        products = []
        for products_item_data in self.products:
            products_item = products_item_data.to_dict()
            products.append(products_item)

        reported_at = self.reported_at

        trading_date = self.trading_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "products": products,
                "reported_at": reported_at,
                "trading_date": trading_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_day import ProductDay  # noqa: PLC0415

        d = dict(src_dict)
        products = []
        _products = d.pop("products")
        for products_item_data in _products:
            products_item = ProductDay.from_dict(products_item_data)

            products.append(products_item)

        reported_at = d.pop("reported_at")

        trading_date = datetime.date.fromisoformat(d.pop("trading_date"))

        market_day_public = cls(
            products=products,
            reported_at=reported_at,
            trading_date=trading_date,
        )

        market_day_public.additional_properties = d
        return market_day_public

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
