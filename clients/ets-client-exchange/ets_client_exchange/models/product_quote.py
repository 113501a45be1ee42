from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_day import ProductDay


T = TypeVar("T", bound="ProductQuote")


@_attrs_define
class ProductQuote:
    """
    Attributes:
        best_ask (None | str):
        best_bid (None | str):
        last_price (None | str):
        previous_close (str): Amount in yuan (CNY), exact decimal
        product_id (str):
        today (ProductDay): One product's trading day. Prices in yuan (decimal strings); `close` is the VWAP of the
            day's open-bidding
            trades (M-28(1)), or the previous close when the product did not trade in open bidding that day.
        trading_date (datetime.date):
        vintage (int):
    """

    best_ask: None | str
    best_bid: None | str
    last_price: None | str
    previous_close: str
    product_id: str
    today: ProductDay
    trading_date: datetime.date
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        best_ask: None | str
        best_ask = self.best_ask

        best_bid: None | str
        best_bid = self.best_bid

        last_price: None | str
        last_price = self.last_price

        previous_close = self.previous_close

        product_id = self.product_id

        today = self.today.to_dict()

        trading_date = self.trading_date.isoformat()

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "best_ask": best_ask,
                "best_bid": best_bid,
                "last_price": last_price,
                "previous_close": previous_close,
                "product_id": product_id,
                "today": today,
                "trading_date": trading_date,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_day import ProductDay  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_best_ask(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        best_ask = _parse_best_ask(d.pop("best_ask"))

        def _parse_best_bid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        best_bid = _parse_best_bid(d.pop("best_bid"))

        def _parse_last_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_price = _parse_last_price(d.pop("last_price"))

        previous_close = d.pop("previous_close")

        product_id = d.pop("product_id")

        today = ProductDay.from_dict(d.pop("today"))

        trading_date = datetime.date.fromisoformat(d.pop("trading_date"))

        vintage = d.pop("vintage")

        product_quote = cls(
            best_ask=best_ask,
            best_bid=best_bid,
            last_price=last_price,
            previous_close=previous_close,
            product_id=product_id,
            today=today,
            trading_date=trading_date,
            vintage=vintage,
        )

        product_quote.additional_properties = d
        return product_quote

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
