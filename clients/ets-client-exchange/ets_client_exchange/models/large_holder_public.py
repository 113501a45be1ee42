from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LargeHolderPublic")


@_attrs_define
class LargeHolderPublic:
    """
    Attributes:
        at_or_above (bool):
        holding (int):
        reported_at (datetime.datetime | None):
        reports (int):
        trading_account_id (str):
    """

    at_or_above: bool
    holding: int
    reported_at: datetime.datetime | None
    reports: int
    trading_account_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at_or_above = self.at_or_above

        holding = self.holding

        reported_at: None | str
        if isinstance(self.reported_at, datetime.datetime):
            reported_at = self.reported_at.isoformat()
        else:
            reported_at = self.reported_at

        reports = self.reports

        trading_account_id = self.trading_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at_or_above": at_or_above,
                "holding": holding,
                "reported_at": reported_at,
                "reports": reports,
                "trading_account_id": trading_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at_or_above = d.pop("at_or_above")

        holding = d.pop("holding")

        def _parse_reported_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_at_type_0 = datetime.datetime.fromisoformat(data)

                return reported_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reported_at = _parse_reported_at(d.pop("reported_at"))

        reports = d.pop("reports")

        trading_account_id = d.pop("trading_account_id")

        large_holder_public = cls(
            at_or_above=at_or_above,
            holding=holding,
            reported_at=reported_at,
            reports=reports,
            trading_account_id=trading_account_id,
        )

        large_holder_public.additional_properties = d
        return large_holder_public

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
