from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MeasurePublic")


@_attrs_define
class MeasurePublic:
    """
    Attributes:
        article (str):
        case_id (str):
        decided_at (datetime.datetime):
        departments (list[str]):
        detail (str):
        effect (str):
        ends_on (datetime.date):
        from_year (int):
        kind (str):
        lifted_at (datetime.datetime | None):
        party_id (str):
        starts_on (datetime.date):
        to_year (int):
    """

    article: str
    case_id: str
    decided_at: datetime.datetime
    departments: list[str]
    detail: str
    effect: str
    ends_on: datetime.date
    from_year: int
    kind: str
    lifted_at: datetime.datetime | None
    party_id: str
    starts_on: datetime.date
    to_year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article = self.article

        case_id = self.case_id

        decided_at = self.decided_at.isoformat()

        departments = self.departments

        detail = self.detail

        effect = self.effect

        ends_on = self.ends_on.isoformat()

        from_year = self.from_year

        kind = self.kind

        lifted_at: None | str
        if isinstance(self.lifted_at, datetime.datetime):
            lifted_at = self.lifted_at.isoformat()
        else:
            lifted_at = self.lifted_at

        party_id = self.party_id

        starts_on = self.starts_on.isoformat()

        to_year = self.to_year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "case_id": case_id,
                "decided_at": decided_at,
                "departments": departments,
                "detail": detail,
                "effect": effect,
                "ends_on": ends_on,
                "from_year": from_year,
                "kind": kind,
                "lifted_at": lifted_at,
                "party_id": party_id,
                "starts_on": starts_on,
                "to_year": to_year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        article = d.pop("article")

        case_id = d.pop("case_id")

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        departments = cast(list[str], d.pop("departments"))

        detail = d.pop("detail")

        effect = d.pop("effect")

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        from_year = d.pop("from_year")

        kind = d.pop("kind")

        def _parse_lifted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lifted_at_type_0 = datetime.datetime.fromisoformat(data)

                return lifted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lifted_at = _parse_lifted_at(d.pop("lifted_at"))

        party_id = d.pop("party_id")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        to_year = d.pop("to_year")

        measure_public = cls(
            article=article,
            case_id=case_id,
            decided_at=decided_at,
            departments=departments,
            detail=detail,
            effect=effect,
            ends_on=ends_on,
            from_year=from_year,
            kind=kind,
            lifted_at=lifted_at,
            party_id=party_id,
            starts_on=starts_on,
            to_year=to_year,
        )

        measure_public.additional_properties = d
        return measure_public

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
