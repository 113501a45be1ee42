from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trade_public import TradePublic


T = TypeVar("T", bound="OrderPublic")


@_attrs_define
class OrderPublic:
    """
    Attributes:
        accepted_at (datetime.datetime):
        filled (int):
        order_id (str):
        price (str): Amount in yuan (CNY), exact decimal
        product_id (str):
        quantity (int):
        remaining (int):
        sequence (int):
        side (str):
        status (str):
        time_in_force (str):
        trading_account_id (str):
        trades (list[TradePublic] | Unset):
    """

    accepted_at: datetime.datetime
    filled: int
    order_id: str
    price: str
    product_id: str
    quantity: int
    remaining: int
    sequence: int
    side: str
    status: str
    time_in_force: str
    trading_account_id: str
    trades: list[TradePublic] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_at = self.accepted_at.isoformat()

        filled = self.filled

        order_id = self.order_id

        price = self.price

        product_id = self.product_id

        quantity = self.quantity

        remaining = self.remaining

        sequence = self.sequence

        side = self.side

        status = self.status

        time_in_force = self.time_in_force

        trading_account_id = self.trading_account_id

        trades: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.trades, Unset):
            trades = []
            for trades_item_data in self.trades:
                trades_item = trades_item_data.to_dict()
                trades.append(trades_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_at": accepted_at,
                "filled": filled,
                "order_id": order_id,
                "price": price,
                "product_id": product_id,
                "quantity": quantity,
                "remaining": remaining,
                "sequence": sequence,
                "side": side,
                "status": status,
                "time_in_force": time_in_force,
                "trading_account_id": trading_account_id,
            }
        )
        if trades is not UNSET:
            field_dict["trades"] = trades

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trade_public import TradePublic  # noqa: PLC0415

        d = dict(src_dict)
        accepted_at = datetime.datetime.fromisoformat(d.pop("accepted_at"))

        filled = d.pop("filled")

        order_id = d.pop("order_id")

        price = d.pop("price")

        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        remaining = d.pop("remaining")

        sequence = d.pop("sequence")

        side = d.pop("side")

        status = d.pop("status")

        time_in_force = d.pop("time_in_force")

        trading_account_id = d.pop("trading_account_id")

        _trades = d.pop("trades", UNSET)
        trades: list[TradePublic] | Unset = UNSET
        if _trades is not UNSET:
            trades = []
            for trades_item_data in _trades:
                trades_item = TradePublic.from_dict(trades_item_data)

                trades.append(trades_item)

        order_public = cls(
            accepted_at=accepted_at,
            filled=filled,
            order_id=order_id,
            price=price,
            product_id=product_id,
            quantity=quantity,
            remaining=remaining,
            sequence=sequence,
            side=side,
            status=status,
            time_in_force=time_in_force,
            trading_account_id=trading_account_id,
            trades=trades,
        )

        order_public.additional_properties = d
        return order_public

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
