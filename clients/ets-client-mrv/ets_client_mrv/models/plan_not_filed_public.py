from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanNotFiledPublic")


@_attrs_define
class PlanNotFiledPublic:
    """A covered entity owing a plan for the year that has filed none: missing (past the deadline) or not yet.

    Attributes:
        compliance_year (int):
        due_on (datetime.date):
        entity_id (str):
        missing_at (datetime.datetime | None):
    """

    compliance_year: int
    due_on: datetime.date
    entity_id: str
    missing_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        due_on = self.due_on.isoformat()

        entity_id = self.entity_id

        missing_at: None | str
        if isinstance(self.missing_at, datetime.datetime):
            missing_at = self.missing_at.isoformat()
        else:
            missing_at = self.missing_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "due_on": due_on,
                "entity_id": entity_id,
                "missing_at": missing_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        entity_id = d.pop("entity_id")

        def _parse_missing_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                missing_at_type_0 = datetime.datetime.fromisoformat(data)

                return missing_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        missing_at = _parse_missing_at(d.pop("missing_at"))

        plan_not_filed_public = cls(
            compliance_year=compliance_year,
            due_on=due_on,
            entity_id=entity_id,
            missing_at=missing_at,
        )

        plan_not_filed_public.additional_properties = d
        return plan_not_filed_public

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
