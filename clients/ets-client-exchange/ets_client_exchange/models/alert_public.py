from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AlertPublic")


@_attrs_define
class AlertPublic:
    """
    Attributes:
        alert_id (str):
        detail (str):
        member_ids (list[str]):
        order_ids (list[str]):
        pattern (str):
        product_id (str):
        raised_at (datetime.datetime):
        trade_ids (list[str]):
        trading_account_ids (list[str]):
        trading_date (datetime.date):
    """

    alert_id: str
    detail: str
    member_ids: list[str]
    order_ids: list[str]
    pattern: str
    product_id: str
    raised_at: datetime.datetime
    trade_ids: list[str]
    trading_account_ids: list[str]
    trading_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alert_id = self.alert_id

        detail = self.detail

        member_ids = self.member_ids

        order_ids = self.order_ids

        pattern = self.pattern

        product_id = self.product_id

        raised_at = self.raised_at.isoformat()

        trade_ids = self.trade_ids

        trading_account_ids = self.trading_account_ids

        trading_date = self.trading_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alert_id": alert_id,
                "detail": detail,
                "member_ids": member_ids,
                "order_ids": order_ids,
                "pattern": pattern,
                "product_id": product_id,
                "raised_at": raised_at,
                "trade_ids": trade_ids,
                "trading_account_ids": trading_account_ids,
                "trading_date": trading_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alert_id = d.pop("alert_id")

        detail = d.pop("detail")

        member_ids = cast(list[str], d.pop("member_ids"))

        order_ids = cast(list[str], d.pop("order_ids"))

        pattern = d.pop("pattern")

        product_id = d.pop("product_id")

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        trade_ids = cast(list[str], d.pop("trade_ids"))

        trading_account_ids = cast(list[str], d.pop("trading_account_ids"))

        trading_date = datetime.date.fromisoformat(d.pop("trading_date"))

        alert_public = cls(
            alert_id=alert_id,
            detail=detail,
            member_ids=member_ids,
            order_ids=order_ids,
            pattern=pattern,
            product_id=product_id,
            raised_at=raised_at,
            trade_ids=trade_ids,
            trading_account_ids=trading_account_ids,
            trading_date=trading_date,
        )

        alert_public.additional_properties = d
        return alert_public

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
