from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_balance_line import BankBalanceLine
    from ..models.bank_movement_line import BankMovementLine


T = TypeVar("T", bound="BankStatement")


@_attrs_define
class BankStatement:
    """The settlement bank's statement of a day: closing balances of the dedicated accounts and the day's
    deposits and paid withdrawals (M-26).

        Attributes:
            balances (list[BankBalanceLine]):
            statement_date (datetime.date):
            movements (list[BankMovementLine] | Unset):
    """

    balances: list[BankBalanceLine]
    statement_date: datetime.date
    movements: list[BankMovementLine] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        statement_date = self.statement_date.isoformat()

        movements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.movements, Unset):
            movements = []
            for movements_item_data in self.movements:
                movements_item = movements_item_data.to_dict()
                movements.append(movements_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "balances": balances,
                "statement_date": statement_date,
            }
        )
        if movements is not UNSET:
            field_dict["movements"] = movements

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_balance_line import BankBalanceLine  # noqa: PLC0415
        from ..models.bank_movement_line import BankMovementLine  # noqa: PLC0415

        d = dict(src_dict)
        balances = []
        _balances = d.pop("balances")
        for balances_item_data in _balances:
            balances_item = BankBalanceLine.from_dict(balances_item_data)

            balances.append(balances_item)

        statement_date = datetime.date.fromisoformat(d.pop("statement_date"))

        _movements = d.pop("movements", UNSET)
        movements: list[BankMovementLine] | Unset = UNSET
        if _movements is not UNSET:
            movements = []
            for movements_item_data in _movements:
                movements_item = BankMovementLine.from_dict(movements_item_data)

                movements.append(movements_item)

        bank_statement = cls(
            balances=balances,
            statement_date=statement_date,
            movements=movements,
        )

        return bank_statement
