from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DayOfProduct")


@_attrs_define
class DayOfProduct:
    """
    Attributes:
        product_id (str):
        trades (int):
        trading_date (datetime.date):
        turnover (str): Amount in yuan (CNY), exact decimal
        vintage (int):
        volume (int): Whole tonnes CO2e / allowances
        agreement_turnover (str | Unset): Amount in yuan (CNY), exact decimal Default: '0.00'.
        agreement_volume (int | Unset): Whole tonnes CO2e / allowances Default: 0.
        close (None | str | Unset):
        high (None | str | Unset):
        low (None | str | Unset):
        open_ (None | str | Unset):
    """

    product_id: str
    trades: int
    trading_date: datetime.date
    turnover: str
    vintage: int
    volume: int
    agreement_turnover: str | Unset = "0.00"
    agreement_volume: int | Unset = 0
    close: None | str | Unset = UNSET
    high: None | str | Unset = UNSET
    low: None | str | Unset = UNSET
    open_: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        product_id = self.product_id

        trades = self.trades

        trading_date = self.trading_date.isoformat()

        turnover = self.turnover

        vintage = self.vintage

        volume = self.volume

        agreement_turnover = self.agreement_turnover

        agreement_volume = self.agreement_volume

        close: None | str | Unset
        if isinstance(self.close, Unset):
            close = UNSET
        else:
            close = self.close

        high: None | str | Unset
        if isinstance(self.high, Unset):
            high = UNSET
        else:
            high = self.high

        low: None | str | Unset
        if isinstance(self.low, Unset):
            low = UNSET
        else:
            low = self.low

        open_: None | str | Unset
        if isinstance(self.open_, Unset):
            open_ = UNSET
        else:
            open_ = self.open_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product_id": product_id,
                "trades": trades,
                "trading_date": trading_date,
                "turnover": turnover,
                "vintage": vintage,
                "volume": volume,
            }
        )
        if agreement_turnover is not UNSET:
            field_dict["agreement_turnover"] = agreement_turnover
        if agreement_volume is not UNSET:
            field_dict["agreement_volume"] = agreement_volume
        if close is not UNSET:
            field_dict["close"] = close
        if high is not UNSET:
            field_dict["high"] = high
        if low is not UNSET:
            field_dict["low"] = low
        if open_ is not UNSET:
            field_dict["open"] = open_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        product_id = d.pop("product_id")

        trades = d.pop("trades")

        trading_date = datetime.date.fromisoformat(d.pop("trading_date"))

        turnover = d.pop("turnover")

        vintage = d.pop("vintage")

        volume = d.pop("volume")

        agreement_turnover = d.pop("agreement_turnover", UNSET)

        agreement_volume = d.pop("agreement_volume", UNSET)

        def _parse_close(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        close = _parse_close(d.pop("close", UNSET))

        def _parse_high(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        high = _parse_high(d.pop("high", UNSET))

        def _parse_low(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        low = _parse_low(d.pop("low", UNSET))

        def _parse_open_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        open_ = _parse_open_(d.pop("open", UNSET))

        day_of_product = cls(
            product_id=product_id,
            trades=trades,
            trading_date=trading_date,
            turnover=turnover,
            vintage=vintage,
            volume=volume,
            agreement_turnover=agreement_turnover,
            agreement_volume=agreement_volume,
            close=close,
            high=high,
            low=low,
            open_=open_,
        )

        day_of_product.additional_properties = d
        return day_of_product

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
