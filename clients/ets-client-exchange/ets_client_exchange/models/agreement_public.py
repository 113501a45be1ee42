from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgreementPublic")


@_attrs_define
class AgreementPublic:
    """
    Attributes:
        agreement_id (str):
        counterparty_trading_account_id (str):
        price (str): Amount in yuan (CNY), exact decimal
        product_id (str):
        proposed_at (datetime.datetime):
        proposer_side (str):
        proposer_trading_account_id (str):
        quantity (int):
        status (str):
        trade_id (None | str):
    """

    agreement_id: str
    counterparty_trading_account_id: str
    price: str
    product_id: str
    proposed_at: datetime.datetime
    proposer_side: str
    proposer_trading_account_id: str
    quantity: int
    status: str
    trade_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        counterparty_trading_account_id = self.counterparty_trading_account_id

        price = self.price

        product_id = self.product_id

        proposed_at = self.proposed_at.isoformat()

        proposer_side = self.proposer_side

        proposer_trading_account_id = self.proposer_trading_account_id

        quantity = self.quantity

        status = self.status

        trade_id: None | str
        trade_id = self.trade_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "counterparty_trading_account_id": counterparty_trading_account_id,
                "price": price,
                "product_id": product_id,
                "proposed_at": proposed_at,
                "proposer_side": proposer_side,
                "proposer_trading_account_id": proposer_trading_account_id,
                "quantity": quantity,
                "status": status,
                "trade_id": trade_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        counterparty_trading_account_id = d.pop("counterparty_trading_account_id")

        price = d.pop("price")

        product_id = d.pop("product_id")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))

        proposer_side = d.pop("proposer_side")

        proposer_trading_account_id = d.pop("proposer_trading_account_id")

        quantity = d.pop("quantity")

        status = d.pop("status")

        def _parse_trade_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        trade_id = _parse_trade_id(d.pop("trade_id"))

        agreement_public = cls(
            agreement_id=agreement_id,
            counterparty_trading_account_id=counterparty_trading_account_id,
            price=price,
            product_id=product_id,
            proposed_at=proposed_at,
            proposer_side=proposer_side,
            proposer_trading_account_id=proposer_trading_account_id,
            quantity=quantity,
            status=status,
            trade_id=trade_id,
        )

        agreement_public.additional_properties = d
        return agreement_public

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
