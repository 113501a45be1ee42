from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.bank_movement_line_kind import BankMovementLineKind

T = TypeVar("T", bound="BankMovementLine")


@_attrs_define
class BankMovementLine:
    """
    Attributes:
        account_id (str):
        amount (str): yuan, e.g. "100000.00"
        kind (BankMovementLineKind):
        movement_id (str):
    """

    account_id: str
    amount: str
    kind: BankMovementLineKind
    movement_id: str

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        amount = self.amount

        kind = self.kind.value

        movement_id = self.movement_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
                "amount": amount,
                "kind": kind,
                "movement_id": movement_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        amount = d.pop("amount")

        kind = BankMovementLineKind(d.pop("kind"))

        movement_id = d.pop("movement_id")

        bank_movement_line = cls(
            account_id=account_id,
            amount=amount,
            kind=kind,
            movement_id=movement_id,
        )

        return bank_movement_line
