from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bid_public import BidPublic


T = TypeVar("T", bound="SalePublic")


@_attrs_define
class SalePublic:
    """
    Attributes:
        awarded (int | None):
        bids (list[BidPublic]):
        cleared_at (datetime.datetime | None):
        clearing_price (None | str):
        compliance_year (int):
        kind (str):
        opened_at (datetime.datetime):
        price (None | str):
        quantity (int):
        reserve_price (str):
        sale_id (str):
        status (str):
    """

    awarded: int | None
    bids: list[BidPublic]
    cleared_at: datetime.datetime | None
    clearing_price: None | str
    compliance_year: int
    kind: str
    opened_at: datetime.datetime
    price: None | str
    quantity: int
    reserve_price: str
    sale_id: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        awarded: int | None
        awarded = self.awarded

        bids = []
        for bids_item_data in self.bids:
            bids_item = bids_item_data.to_dict()
            bids.append(bids_item)

        cleared_at: None | str
        if isinstance(self.cleared_at, datetime.datetime):
            cleared_at = self.cleared_at.isoformat()
        else:
            cleared_at = self.cleared_at

        clearing_price: None | str
        clearing_price = self.clearing_price

        compliance_year = self.compliance_year

        kind = self.kind

        opened_at = self.opened_at.isoformat()

        price: None | str
        price = self.price

        quantity = self.quantity

        reserve_price = self.reserve_price

        sale_id = self.sale_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "awarded": awarded,
                "bids": bids,
                "cleared_at": cleared_at,
                "clearing_price": clearing_price,
                "compliance_year": compliance_year,
                "kind": kind,
                "opened_at": opened_at,
                "price": price,
                "quantity": quantity,
                "reserve_price": reserve_price,
                "sale_id": sale_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bid_public import BidPublic  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_awarded(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        awarded = _parse_awarded(d.pop("awarded"))

        bids = []
        _bids = d.pop("bids")
        for bids_item_data in _bids:
            bids_item = BidPublic.from_dict(bids_item_data)

            bids.append(bids_item)

        def _parse_cleared_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cleared_at_type_0 = datetime.datetime.fromisoformat(data)

                return cleared_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cleared_at = _parse_cleared_at(d.pop("cleared_at"))

        def _parse_clearing_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clearing_price = _parse_clearing_price(d.pop("clearing_price"))

        compliance_year = d.pop("compliance_year")

        kind = d.pop("kind")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        def _parse_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        price = _parse_price(d.pop("price"))

        quantity = d.pop("quantity")

        reserve_price = d.pop("reserve_price")

        sale_id = d.pop("sale_id")

        status = d.pop("status")

        sale_public = cls(
            awarded=awarded,
            bids=bids,
            cleared_at=cleared_at,
            clearing_price=clearing_price,
            compliance_year=compliance_year,
            kind=kind,
            opened_at=opened_at,
            price=price,
            quantity=quantity,
            reserve_price=reserve_price,
            sale_id=sale_id,
            status=status,
        )

        sale_public.additional_properties = d
        return sale_public

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
