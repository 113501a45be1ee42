from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trading_balance_public import TradingBalancePublic


T = TypeVar("T", bound="TradingAccountPublic")


@_attrs_define
class TradingAccountPublic:
    """An exchange trading account with the allowances it holds in the registry, by vintage.

    Attributes:
        balances (list[TradingBalancePublic]):
        covered_entity_id (None | str):
        holder_id (str):
        holding_account_id (str):
        member_id (str):
        name (str):
        opened_at (datetime.datetime):
        participant_id (str):
        participant_kind (str):
        trading_account_id (str):
    """

    balances: list[TradingBalancePublic]
    covered_entity_id: None | str
    holder_id: str
    holding_account_id: str
    member_id: str
    name: str
    opened_at: datetime.datetime
    participant_id: str
    participant_kind: str
    trading_account_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        covered_entity_id: None | str
        covered_entity_id = self.covered_entity_id

        holder_id = self.holder_id

        holding_account_id = self.holding_account_id

        member_id = self.member_id

        name = self.name

        opened_at = self.opened_at.isoformat()

        participant_id = self.participant_id

        participant_kind = self.participant_kind

        trading_account_id = self.trading_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balances": balances,
                "covered_entity_id": covered_entity_id,
                "holder_id": holder_id,
                "holding_account_id": holding_account_id,
                "member_id": member_id,
                "name": name,
                "opened_at": opened_at,
                "participant_id": participant_id,
                "participant_kind": participant_kind,
                "trading_account_id": trading_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trading_balance_public import TradingBalancePublic  # noqa: PLC0415

        d = dict(src_dict)
        balances = []
        _balances = d.pop("balances")
        for balances_item_data in _balances:
            balances_item = TradingBalancePublic.from_dict(balances_item_data)

            balances.append(balances_item)

        def _parse_covered_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        covered_entity_id = _parse_covered_entity_id(d.pop("covered_entity_id"))

        holder_id = d.pop("holder_id")

        holding_account_id = d.pop("holding_account_id")

        member_id = d.pop("member_id")

        name = d.pop("name")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        participant_id = d.pop("participant_id")

        participant_kind = d.pop("participant_kind")

        trading_account_id = d.pop("trading_account_id")

        trading_account_public = cls(
            balances=balances,
            covered_entity_id=covered_entity_id,
            holder_id=holder_id,
            holding_account_id=holding_account_id,
            member_id=member_id,
            name=name,
            opened_at=opened_at,
            participant_id=participant_id,
            participant_kind=participant_kind,
            trading_account_id=trading_account_id,
        )

        trading_account_public.additional_properties = d
        return trading_account_public

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
