from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SurrenderRecordPublic")


@_attrs_define
class SurrenderRecordPublic:
    """
    Attributes:
        ccer (int):
        compliance_year (int):
        entity_id (str):
        late (bool):
        shea (int):
        surrender_id (str):
        surrendered_at (datetime.datetime):
        transaction_id (str):
    """

    ccer: int
    compliance_year: int
    entity_id: str
    late: bool
    shea: int
    surrender_id: str
    surrendered_at: datetime.datetime
    transaction_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ccer = self.ccer

        compliance_year = self.compliance_year

        entity_id = self.entity_id

        late = self.late

        shea = self.shea

        surrender_id = self.surrender_id

        surrendered_at = self.surrendered_at.isoformat()

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ccer": ccer,
                "compliance_year": compliance_year,
                "entity_id": entity_id,
                "late": late,
                "shea": shea,
                "surrender_id": surrender_id,
                "surrendered_at": surrendered_at,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ccer = d.pop("ccer")

        compliance_year = d.pop("compliance_year")

        entity_id = d.pop("entity_id")

        late = d.pop("late")

        shea = d.pop("shea")

        surrender_id = d.pop("surrender_id")

        surrendered_at = datetime.datetime.fromisoformat(d.pop("surrendered_at"))

        transaction_id = d.pop("transaction_id")

        surrender_record_public = cls(
            ccer=ccer,
            compliance_year=compliance_year,
            entity_id=entity_id,
            late=late,
            shea=shea,
            surrender_id=surrender_id,
            surrendered_at=surrendered_at,
            transaction_id=transaction_id,
        )

        surrender_record_public.additional_properties = d
        return surrender_record_public

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
