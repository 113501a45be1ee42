from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.allowance_position import AllowancePosition


T = TypeVar("T", bound="BalancesPublic")


@_attrs_define
class BalancesPublic:
    """
    Attributes:
        allowances (list[AllowancePosition]):
        cash_available (str): Amount in yuan (CNY), exact decimal
        cash_reserved (str): Amount in yuan (CNY), exact decimal
        trading_account_id (str):
    """

    allowances: list[AllowancePosition]
    cash_available: str
    cash_reserved: str
    trading_account_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowances = []
        for allowances_item_data in self.allowances:
            allowances_item = allowances_item_data.to_dict()
            allowances.append(allowances_item)

        cash_available = self.cash_available

        cash_reserved = self.cash_reserved

        trading_account_id = self.trading_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowances": allowances,
                "cash_available": cash_available,
                "cash_reserved": cash_reserved,
                "trading_account_id": trading_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allowance_position import AllowancePosition  # noqa: PLC0415

        d = dict(src_dict)
        allowances = []
        _allowances = d.pop("allowances")
        for allowances_item_data in _allowances:
            allowances_item = AllowancePosition.from_dict(allowances_item_data)

            allowances.append(allowances_item)

        cash_available = d.pop("cash_available")

        cash_reserved = d.pop("cash_reserved")

        trading_account_id = d.pop("trading_account_id")

        balances_public = cls(
            allowances=allowances,
            cash_available=cash_available,
            cash_reserved=cash_reserved,
            trading_account_id=trading_account_id,
        )

        balances_public.additional_properties = d
        return balances_public

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
