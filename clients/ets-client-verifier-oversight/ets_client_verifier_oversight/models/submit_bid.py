from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubmitBid")


@_attrs_define
class SubmitBid:
    """
    Attributes:
        agency_id (str):
        lot_no (int):
        statement (str): How the agency meets the conditions: team, method, capacity
        price (int | None | str | Unset): Offered price in yuan, decimal string
    """

    agency_id: str
    lot_no: int
    statement: str
    price: int | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        lot_no = self.lot_no

        statement = self.statement

        price: int | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agency_id": agency_id,
                "lot_no": lot_no,
                "statement": statement,
            }
        )
        if price is not UNSET:
            field_dict["price"] = price

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        lot_no = d.pop("lot_no")

        statement = d.pop("statement")

        def _parse_price(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        submit_bid = cls(
            agency_id=agency_id,
            lot_no=lot_no,
            statement=statement,
            price=price,
        )

        return submit_bid
