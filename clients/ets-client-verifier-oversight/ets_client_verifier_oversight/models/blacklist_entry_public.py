from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BlacklistEntryPublic")


@_attrs_define
class BlacklistEntryPublic:
    """
    Attributes:
        agency_id (str):
        evaluated_year (int):
        from_year (int):
        reason (str):
        to_year (int):
        agency_name (None | str | Unset):
        listed_at (datetime.datetime | None | Unset):
    """

    agency_id: str
    evaluated_year: int
    from_year: int
    reason: str
    to_year: int
    agency_name: None | str | Unset = UNSET
    listed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        evaluated_year = self.evaluated_year

        from_year = self.from_year

        reason = self.reason

        to_year = self.to_year

        agency_name: None | str | Unset
        if isinstance(self.agency_name, Unset):
            agency_name = UNSET
        else:
            agency_name = self.agency_name

        listed_at: None | str | Unset
        if isinstance(self.listed_at, Unset):
            listed_at = UNSET
        elif isinstance(self.listed_at, datetime.datetime):
            listed_at = self.listed_at.isoformat()
        else:
            listed_at = self.listed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "evaluated_year": evaluated_year,
                "from_year": from_year,
                "reason": reason,
                "to_year": to_year,
            }
        )
        if agency_name is not UNSET:
            field_dict["agency_name"] = agency_name
        if listed_at is not UNSET:
            field_dict["listed_at"] = listed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        evaluated_year = d.pop("evaluated_year")

        from_year = d.pop("from_year")

        reason = d.pop("reason")

        to_year = d.pop("to_year")

        def _parse_agency_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agency_name = _parse_agency_name(d.pop("agency_name", UNSET))

        def _parse_listed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                listed_at_type_0 = datetime.datetime.fromisoformat(data)

                return listed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        listed_at = _parse_listed_at(d.pop("listed_at", UNSET))

        blacklist_entry_public = cls(
            agency_id=agency_id,
            evaluated_year=evaluated_year,
            from_year=from_year,
            reason=reason,
            to_year=to_year,
            agency_name=agency_name,
            listed_at=listed_at,
        )

        blacklist_entry_public.additional_properties = d
        return blacklist_entry_public

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
