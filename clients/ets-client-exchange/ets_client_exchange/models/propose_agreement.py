from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.propose_agreement_side import ProposeAgreementSide

T = TypeVar("T", bound="ProposeAgreement")


@_attrs_define
class ProposeAgreement:
    """M-23 agreement transfer: proposed by one named party to another.

    Attributes:
        agreement_id (str):
        counterparty_trading_account_id (str):
        price (str): yuan per tonne, e.g. "45.20"
        product_id (str):
        quantity (int): whole tonnes
        side (ProposeAgreementSide): the proposer's side
        trading_account_id (str): the proposer's account
    """

    agreement_id: str
    counterparty_trading_account_id: str
    price: str
    product_id: str
    quantity: int
    side: ProposeAgreementSide
    trading_account_id: str

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        counterparty_trading_account_id = self.counterparty_trading_account_id

        price = self.price

        product_id = self.product_id

        quantity = self.quantity

        side = self.side.value

        trading_account_id = self.trading_account_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agreement_id": agreement_id,
                "counterparty_trading_account_id": counterparty_trading_account_id,
                "price": price,
                "product_id": product_id,
                "quantity": quantity,
                "side": side,
                "trading_account_id": trading_account_id,
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

        quantity = d.pop("quantity")

        side = ProposeAgreementSide(d.pop("side"))

        trading_account_id = d.pop("trading_account_id")

        propose_agreement = cls(
            agreement_id=agreement_id,
            counterparty_trading_account_id=counterparty_trading_account_id,
            price=price,
            product_id=product_id,
            quantity=quantity,
            side=side,
            trading_account_id=trading_account_id,
        )

        return propose_agreement
