from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TradePublic")


@_attrs_define
class TradePublic:
    """
    Attributes:
        buy_order_id (None | str):
        buyer_fee (str): Amount in yuan (CNY), exact decimal
        buyer_trading_account_id (str):
        executed_at (datetime.datetime):
        failure_reason (None | str):
        mode (str):
        price (str): Amount in yuan (CNY), exact decimal
        product_id (str):
        quantity (int):
        sell_order_id (None | str):
        seller_fee (str): Amount in yuan (CNY), exact decimal
        seller_trading_account_id (str):
        settled_at (datetime.datetime | None):
        status (str):
        trade_id (str):
        vintage (int):
    """

    buy_order_id: None | str
    buyer_fee: str
    buyer_trading_account_id: str
    executed_at: datetime.datetime
    failure_reason: None | str
    mode: str
    price: str
    product_id: str
    quantity: int
    sell_order_id: None | str
    seller_fee: str
    seller_trading_account_id: str
    settled_at: datetime.datetime | None
    status: str
    trade_id: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        buy_order_id: None | str
        buy_order_id = self.buy_order_id

        buyer_fee = self.buyer_fee

        buyer_trading_account_id = self.buyer_trading_account_id

        executed_at = self.executed_at.isoformat()

        failure_reason: None | str
        failure_reason = self.failure_reason

        mode = self.mode

        price = self.price

        product_id = self.product_id

        quantity = self.quantity

        sell_order_id: None | str
        sell_order_id = self.sell_order_id

        seller_fee = self.seller_fee

        seller_trading_account_id = self.seller_trading_account_id

        settled_at: None | str
        if isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        status = self.status

        trade_id = self.trade_id

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "buy_order_id": buy_order_id,
                "buyer_fee": buyer_fee,
                "buyer_trading_account_id": buyer_trading_account_id,
                "executed_at": executed_at,
                "failure_reason": failure_reason,
                "mode": mode,
                "price": price,
                "product_id": product_id,
                "quantity": quantity,
                "sell_order_id": sell_order_id,
                "seller_fee": seller_fee,
                "seller_trading_account_id": seller_trading_account_id,
                "settled_at": settled_at,
                "status": status,
                "trade_id": trade_id,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_buy_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        buy_order_id = _parse_buy_order_id(d.pop("buy_order_id"))

        buyer_fee = d.pop("buyer_fee")

        buyer_trading_account_id = d.pop("buyer_trading_account_id")

        executed_at = datetime.datetime.fromisoformat(d.pop("executed_at"))

        def _parse_failure_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))

        mode = d.pop("mode")

        price = d.pop("price")

        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        def _parse_sell_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sell_order_id = _parse_sell_order_id(d.pop("sell_order_id"))

        seller_fee = d.pop("seller_fee")

        seller_trading_account_id = d.pop("seller_trading_account_id")

        def _parse_settled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_at_type_0 = datetime.datetime.fromisoformat(data)

                return settled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        settled_at = _parse_settled_at(d.pop("settled_at"))

        status = d.pop("status")

        trade_id = d.pop("trade_id")

        vintage = d.pop("vintage")

        trade_public = cls(
            buy_order_id=buy_order_id,
            buyer_fee=buyer_fee,
            buyer_trading_account_id=buyer_trading_account_id,
            executed_at=executed_at,
            failure_reason=failure_reason,
            mode=mode,
            price=price,
            product_id=product_id,
            quantity=quantity,
            sell_order_id=sell_order_id,
            seller_fee=seller_fee,
            seller_trading_account_id=seller_trading_account_id,
            settled_at=settled_at,
            status=status,
            trade_id=trade_id,
            vintage=vintage,
        )

        trade_public.additional_properties = d
        return trade_public

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
