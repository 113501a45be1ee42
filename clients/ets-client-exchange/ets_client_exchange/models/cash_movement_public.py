from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CashMovementPublic")


@_attrs_define
class CashMovementPublic:
    """
    Attributes:
        amount (str): Amount in yuan (CNY), exact decimal
        kind (str):
        movement_id (str):
        requested_at (datetime.datetime):
        status (str):
        trading_account_id (str):
        value_date (datetime.date | None):
    """

    amount: str
    kind: str
    movement_id: str
    requested_at: datetime.datetime
    status: str
    trading_account_id: str
    value_date: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        kind = self.kind

        movement_id = self.movement_id

        requested_at = self.requested_at.isoformat()

        status = self.status

        trading_account_id = self.trading_account_id

        value_date: None | str
        if isinstance(self.value_date, datetime.date):
            value_date = self.value_date.isoformat()
        else:
            value_date = self.value_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "kind": kind,
                "movement_id": movement_id,
                "requested_at": requested_at,
                "status": status,
                "trading_account_id": trading_account_id,
                "value_date": value_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        kind = d.pop("kind")

        movement_id = d.pop("movement_id")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        status = d.pop("status")

        trading_account_id = d.pop("trading_account_id")

        def _parse_value_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                value_date_type_0 = datetime.date.fromisoformat(data)

                return value_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        value_date = _parse_value_date(d.pop("value_date"))

        cash_movement_public = cls(
            amount=amount,
            kind=kind,
            movement_id=movement_id,
            requested_at=requested_at,
            status=status,
            trading_account_id=trading_account_id,
            value_date=value_date,
        )

        cash_movement_public.additional_properties = d
        return cash_movement_public

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
