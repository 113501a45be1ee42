from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CaseBehind")


@_attrs_define
class CaseBehind:
    """The case behind a department's answer: which measure, from which decision, for which violation.

    Attributes:
        article (str):
        case_id (str):
        decided_at (datetime.datetime):
        detail (str):
        ends_on (datetime.date):
        measure (str):
        starts_on (datetime.date):
    """

    article: str
    case_id: str
    decided_at: datetime.datetime
    detail: str
    ends_on: datetime.date
    measure: str
    starts_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article = self.article

        case_id = self.case_id

        decided_at = self.decided_at.isoformat()

        detail = self.detail

        ends_on = self.ends_on.isoformat()

        measure = self.measure

        starts_on = self.starts_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "case_id": case_id,
                "decided_at": decided_at,
                "detail": detail,
                "ends_on": ends_on,
                "measure": measure,
                "starts_on": starts_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        article = d.pop("article")

        case_id = d.pop("case_id")

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        detail = d.pop("detail")

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        measure = d.pop("measure")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        case_behind = cls(
            article=article,
            case_id=case_id,
            decided_at=decided_at,
            detail=detail,
            ends_on=ends_on,
            measure=measure,
            starts_on=starts_on,
        )

        case_behind.additional_properties = d
        return case_behind

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
