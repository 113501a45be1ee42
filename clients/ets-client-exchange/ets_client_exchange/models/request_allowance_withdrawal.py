from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RequestAllowanceWithdrawal")


@_attrs_define
class RequestAllowanceWithdrawal:
    """Allowances back from trading to the holder's registry holding account (M-26, M-32).

    Attributes:
        instruction_id (str):
        quantity (int): whole tonnes
        vintage (int):
    """

    instruction_id: str
    quantity: int
    vintage: int

    def to_dict(self) -> dict[str, Any]:
        instruction_id = self.instruction_id

        quantity = self.quantity

        vintage = self.vintage

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "instruction_id": instruction_id,
                "quantity": quantity,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instruction_id = d.pop("instruction_id")

        quantity = d.pop("quantity")

        vintage = d.pop("vintage")

        request_allowance_withdrawal = cls(
            instruction_id=instruction_id,
            quantity=quantity,
            vintage=vintage,
        )

        return request_allowance_withdrawal
