from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SurrenderPublic")


@_attrs_define
class SurrenderPublic:
    """
    Attributes:
        compliance_year (int):
        entity_id (str):
        late (bool):
        quantity (int):
        remaining (int):
        status (str):
        surrender_id (str):
        surrendered (int):
        surrendered_at (datetime.datetime):
        transaction_id (str):
    """

    compliance_year: int
    entity_id: str
    late: bool
    quantity: int
    remaining: int
    status: str
    surrender_id: str
    surrendered: int
    surrendered_at: datetime.datetime
    transaction_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        entity_id = self.entity_id

        late = self.late

        quantity = self.quantity

        remaining = self.remaining

        status = self.status

        surrender_id = self.surrender_id

        surrendered = self.surrendered

        surrendered_at = self.surrendered_at.isoformat()

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "entity_id": entity_id,
                "late": late,
                "quantity": quantity,
                "remaining": remaining,
                "status": status,
                "surrender_id": surrender_id,
                "surrendered": surrendered,
                "surrendered_at": surrendered_at,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        entity_id = d.pop("entity_id")

        late = d.pop("late")

        quantity = d.pop("quantity")

        remaining = d.pop("remaining")

        status = d.pop("status")

        surrender_id = d.pop("surrender_id")

        surrendered = d.pop("surrendered")

        surrendered_at = datetime.datetime.fromisoformat(d.pop("surrendered_at"))

        transaction_id = d.pop("transaction_id")

        surrender_public = cls(
            compliance_year=compliance_year,
            entity_id=entity_id,
            late=late,
            quantity=quantity,
            remaining=remaining,
            status=status,
            surrender_id=surrender_id,
            surrendered=surrendered,
            surrendered_at=surrendered_at,
            transaction_id=transaction_id,
        )

        surrender_public.additional_properties = d
        return surrender_public

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
