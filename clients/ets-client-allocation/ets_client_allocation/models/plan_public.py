from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanPublic")


@_attrs_define
class PlanPublic:
    """
    Attributes:
        allocated (int):
        approved_at (datetime.datetime | None):
        cap (int):
        compliance_year (int):
        entries_count (int):
        free (int):
        issued_at (datetime.datetime | None):
        paid (int):
        paid_reserve (int):
        remaining (int):
        status (str):
    """

    allocated: int
    approved_at: datetime.datetime | None
    cap: int
    compliance_year: int
    entries_count: int
    free: int
    issued_at: datetime.datetime | None
    paid: int
    paid_reserve: int
    remaining: int
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocated = self.allocated

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        cap = self.cap

        compliance_year = self.compliance_year

        entries_count = self.entries_count

        free = self.free

        issued_at: None | str
        if isinstance(self.issued_at, datetime.datetime):
            issued_at = self.issued_at.isoformat()
        else:
            issued_at = self.issued_at

        paid = self.paid

        paid_reserve = self.paid_reserve

        remaining = self.remaining

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocated": allocated,
                "approved_at": approved_at,
                "cap": cap,
                "compliance_year": compliance_year,
                "entries_count": entries_count,
                "free": free,
                "issued_at": issued_at,
                "paid": paid,
                "paid_reserve": paid_reserve,
                "remaining": remaining,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allocated = d.pop("allocated")

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        cap = d.pop("cap")

        compliance_year = d.pop("compliance_year")

        entries_count = d.pop("entries_count")

        free = d.pop("free")

        def _parse_issued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issued_at_type_0 = datetime.datetime.fromisoformat(data)

                return issued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        issued_at = _parse_issued_at(d.pop("issued_at"))

        paid = d.pop("paid")

        paid_reserve = d.pop("paid_reserve")

        remaining = d.pop("remaining")

        status = d.pop("status")

        plan_public = cls(
            allocated=allocated,
            approved_at=approved_at,
            cap=cap,
            compliance_year=compliance_year,
            entries_count=entries_count,
            free=free,
            issued_at=issued_at,
            paid=paid,
            paid_reserve=paid_reserve,
            remaining=remaining,
            status=status,
        )

        plan_public.additional_properties = d
        return plan_public

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
