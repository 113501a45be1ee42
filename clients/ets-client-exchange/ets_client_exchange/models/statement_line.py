from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatementLine")


@_attrs_define
class StatementLine:
    """
    Attributes:
        at (datetime.datetime):
        cash (str): Amount in yuan (CNY), exact decimal
        kind (str):
        quantity (int):
        reference (str):
        vintage (int | None):
    """

    at: datetime.datetime
    cash: str
    kind: str
    quantity: int
    reference: str
    vintage: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        cash = self.cash

        kind = self.kind

        quantity = self.quantity

        reference = self.reference

        vintage: int | None
        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "cash": cash,
                "kind": kind,
                "quantity": quantity,
                "reference": reference,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        cash = d.pop("cash")

        kind = d.pop("kind")

        quantity = d.pop("quantity")

        reference = d.pop("reference")

        def _parse_vintage(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        vintage = _parse_vintage(d.pop("vintage"))

        statement_line = cls(
            at=at,
            cash=cash,
            kind=kind,
            quantity=quantity,
            reference=reference,
            vintage=vintage,
        )

        statement_line.additional_properties = d
        return statement_line

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
