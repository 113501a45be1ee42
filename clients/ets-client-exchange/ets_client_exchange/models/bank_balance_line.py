from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BankBalanceLine")


@_attrs_define
class BankBalanceLine:
    """
    Attributes:
        account_id (str):
        balance (str): yuan, e.g. "100000.00"
    """

    account_id: str
    balance: str

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        balance = self.balance

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
                "balance": balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        balance = d.pop("balance")

        bank_balance_line = cls(
            account_id=account_id,
            balance=balance,
        )

        return bank_balance_line
