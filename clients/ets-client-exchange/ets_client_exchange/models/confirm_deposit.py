from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConfirmDeposit")


@_attrs_define
class ConfirmDeposit:
    """M-26: the settlement bank confirms funds arrived in a participant's dedicated account.

    Attributes:
        amount (str): yuan, e.g. "100000.00"
        movement_id (str):
        trading_account_id (str):
    """

    amount: str
    movement_id: str
    trading_account_id: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        movement_id = self.movement_id

        trading_account_id = self.trading_account_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "movement_id": movement_id,
                "trading_account_id": trading_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        movement_id = d.pop("movement_id")

        trading_account_id = d.pop("trading_account_id")

        confirm_deposit = cls(
            amount=amount,
            movement_id=movement_id,
            trading_account_id=trading_account_id,
        )

        return confirm_deposit
