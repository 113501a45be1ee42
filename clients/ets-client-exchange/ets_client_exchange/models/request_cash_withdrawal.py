from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RequestCashWithdrawal")


@_attrs_define
class RequestCashWithdrawal:
    """
    Attributes:
        amount (str): yuan, e.g. "100000.00"
        movement_id (str):
    """

    amount: str
    movement_id: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        movement_id = self.movement_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "movement_id": movement_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        movement_id = d.pop("movement_id")

        request_cash_withdrawal = cls(
            amount=amount,
            movement_id=movement_id,
        )

        return request_cash_withdrawal
