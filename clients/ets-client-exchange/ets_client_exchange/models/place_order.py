from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.place_order_side import PlaceOrderSide
from ..models.place_order_time_in_force import PlaceOrderTimeInForce
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaceOrder")


@_attrs_define
class PlaceOrder:
    """M-23 open bidding: a limit order for a trading account, entered by its member.

    Attributes:
        price (str): yuan per tonne, e.g. "45.20"
        product_id (str):
        quantity (int): whole tonnes
        side (PlaceOrderSide):
        trading_account_id (str):
        time_in_force (PlaceOrderTimeInForce | Unset):  Default: PlaceOrderTimeInForce.GTC.
    """

    price: str
    product_id: str
    quantity: int
    side: PlaceOrderSide
    trading_account_id: str
    time_in_force: PlaceOrderTimeInForce | Unset = PlaceOrderTimeInForce.GTC

    def to_dict(self) -> dict[str, Any]:
        price = self.price

        product_id = self.product_id

        quantity = self.quantity

        side = self.side.value

        trading_account_id = self.trading_account_id

        time_in_force: str | Unset = UNSET
        if not isinstance(self.time_in_force, Unset):
            time_in_force = self.time_in_force.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price": price,
                "product_id": product_id,
                "quantity": quantity,
                "side": side,
                "trading_account_id": trading_account_id,
            }
        )
        if time_in_force is not UNSET:
            field_dict["time_in_force"] = time_in_force

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        price = d.pop("price")

        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        side = PlaceOrderSide(d.pop("side"))

        trading_account_id = d.pop("trading_account_id")

        _time_in_force = d.pop("time_in_force", UNSET)
        time_in_force: PlaceOrderTimeInForce | Unset
        if isinstance(_time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = PlaceOrderTimeInForce(_time_in_force)

        place_order = cls(
            price=price,
            product_id=product_id,
            quantity=quantity,
            side=side,
            trading_account_id=trading_account_id,
            time_in_force=time_in_force,
        )

        return place_order
