from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgencyStandingPublic")


@_attrs_define
class AgencyStandingPublic:
    """
    Attributes:
        agency_id (str):
        assignments (int):
        blacklisted (bool):
        filing_status (None | str):
        ineligible_reason (None | str):
        may_sign (bool):
        selected (bool):
        waiting_for (list[str]):
    """

    agency_id: str
    assignments: int
    blacklisted: bool
    filing_status: None | str
    ineligible_reason: None | str
    may_sign: bool
    selected: bool
    waiting_for: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        assignments = self.assignments

        blacklisted = self.blacklisted

        filing_status: None | str
        filing_status = self.filing_status

        ineligible_reason: None | str
        ineligible_reason = self.ineligible_reason

        may_sign = self.may_sign

        selected = self.selected

        waiting_for = self.waiting_for

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "assignments": assignments,
                "blacklisted": blacklisted,
                "filing_status": filing_status,
                "ineligible_reason": ineligible_reason,
                "may_sign": may_sign,
                "selected": selected,
                "waiting_for": waiting_for,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        assignments = d.pop("assignments")

        blacklisted = d.pop("blacklisted")

        def _parse_filing_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filing_status = _parse_filing_status(d.pop("filing_status"))

        def _parse_ineligible_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ineligible_reason = _parse_ineligible_reason(d.pop("ineligible_reason"))

        may_sign = d.pop("may_sign")

        selected = d.pop("selected")

        waiting_for = cast(list[str], d.pop("waiting_for"))

        agency_standing_public = cls(
            agency_id=agency_id,
            assignments=assignments,
            blacklisted=blacklisted,
            filing_status=filing_status,
            ineligible_reason=ineligible_reason,
            may_sign=may_sign,
            selected=selected,
            waiting_for=waiting_for,
        )

        agency_standing_public.additional_properties = d
        return agency_standing_public

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
