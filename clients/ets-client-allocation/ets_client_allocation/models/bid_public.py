from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BidPublic")


@_attrs_define
class BidPublic:
    """
    Attributes:
        amount (None | str):
        awarded (int | None):
        bidder_id (str):
        paid_at (datetime.datetime | None):
        payment_reference (None | str):
        placed_at (datetime.datetime):
        price (str):
        quantity (int):
        transaction_id (None | str):
    """

    amount: None | str
    awarded: int | None
    bidder_id: str
    paid_at: datetime.datetime | None
    payment_reference: None | str
    placed_at: datetime.datetime
    price: str
    quantity: int
    transaction_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount: None | str
        amount = self.amount

        awarded: int | None
        awarded = self.awarded

        bidder_id = self.bidder_id

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        payment_reference: None | str
        payment_reference = self.payment_reference

        placed_at = self.placed_at.isoformat()

        price = self.price

        quantity = self.quantity

        transaction_id: None | str
        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "awarded": awarded,
                "bidder_id": bidder_id,
                "paid_at": paid_at,
                "payment_reference": payment_reference,
                "placed_at": placed_at,
                "price": price,
                "quantity": quantity,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_awarded(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        awarded = _parse_awarded(d.pop("awarded"))

        bidder_id = d.pop("bidder_id")

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_payment_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_reference = _parse_payment_reference(d.pop("payment_reference"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        price = d.pop("price")

        quantity = d.pop("quantity")

        def _parse_transaction_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id"))

        bid_public = cls(
            amount=amount,
            awarded=awarded,
            bidder_id=bidder_id,
            paid_at=paid_at,
            payment_reference=payment_reference,
            placed_at=placed_at,
            price=price,
            quantity=quantity,
            transaction_id=transaction_id,
        )

        bid_public.additional_properties = d
        return bid_public

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
