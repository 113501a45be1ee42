from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.block_public import BlockPublic
    from ..models.holding_public import HoldingPublic
    from ..models.transaction_public import TransactionPublic


T = TypeVar("T", bound="StatementPublic")


@_attrs_define
class StatementPublic:
    """
    Attributes:
        account_id (str):
        as_of (datetime.datetime):
        blocks (list[BlockPublic]):
        holdings (list[HoldingPublic]):
        offset (int):
        transactions (list[TransactionPublic]):
        transactions_total (int):
    """

    account_id: str
    as_of: datetime.datetime
    blocks: list[BlockPublic]
    holdings: list[HoldingPublic]
    offset: int
    transactions: list[TransactionPublic]
    transactions_total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        as_of = self.as_of.isoformat()

        blocks = []
        for blocks_item_data in self.blocks:
            blocks_item = blocks_item_data.to_dict()
            blocks.append(blocks_item)

        holdings = []
        for holdings_item_data in self.holdings:
            holdings_item = holdings_item_data.to_dict()
            holdings.append(holdings_item)

        offset = self.offset

        transactions = []
        for transactions_item_data in self.transactions:
            transactions_item = transactions_item_data.to_dict()
            transactions.append(transactions_item)

        transactions_total = self.transactions_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "as_of": as_of,
                "blocks": blocks,
                "holdings": holdings,
                "offset": offset,
                "transactions": transactions,
                "transactions_total": transactions_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.block_public import BlockPublic  # noqa: PLC0415
        from ..models.holding_public import HoldingPublic  # noqa: PLC0415
        from ..models.transaction_public import TransactionPublic  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        blocks = []
        _blocks = d.pop("blocks")
        for blocks_item_data in _blocks:
            blocks_item = BlockPublic.from_dict(blocks_item_data)

            blocks.append(blocks_item)

        holdings = []
        _holdings = d.pop("holdings")
        for holdings_item_data in _holdings:
            holdings_item = HoldingPublic.from_dict(holdings_item_data)

            holdings.append(holdings_item)

        offset = d.pop("offset")

        transactions = []
        _transactions = d.pop("transactions")
        for transactions_item_data in _transactions:
            transactions_item = TransactionPublic.from_dict(transactions_item_data)

            transactions.append(transactions_item)

        transactions_total = d.pop("transactions_total")

        statement_public = cls(
            account_id=account_id,
            as_of=as_of,
            blocks=blocks,
            holdings=holdings,
            offset=offset,
            transactions=transactions,
            transactions_total=transactions_total,
        )

        statement_public.additional_properties = d
        return statement_public

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
