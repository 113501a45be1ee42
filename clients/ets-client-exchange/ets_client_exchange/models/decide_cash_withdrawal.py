from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DecideCashWithdrawal")


@_attrs_define
class DecideCashWithdrawal:
    """
    Attributes:
        paid (bool):
    """

    paid: bool

    def to_dict(self) -> dict[str, Any]:
        paid = self.paid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "paid": paid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        paid = d.pop("paid")

        decide_cash_withdrawal = cls(
            paid=paid,
        )

        return decide_cash_withdrawal
