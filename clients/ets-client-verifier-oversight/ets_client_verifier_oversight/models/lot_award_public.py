from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LotAwardPublic")


@_attrs_define
class LotAwardPublic:
    """
    Attributes:
        agency_id (str):
        awarded_at (datetime.datetime):
        compliance_year (int):
        expected_volume (int):
        lot_no (int):
        reason (str):
        sectors (list[str]):
        tender_id (str):
        winners (int):
    """

    agency_id: str
    awarded_at: datetime.datetime
    compliance_year: int
    expected_volume: int
    lot_no: int
    reason: str
    sectors: list[str]
    tender_id: str
    winners: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        awarded_at = self.awarded_at.isoformat()

        compliance_year = self.compliance_year

        expected_volume = self.expected_volume

        lot_no = self.lot_no

        reason = self.reason

        sectors = self.sectors

        tender_id = self.tender_id

        winners = self.winners

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "awarded_at": awarded_at,
                "compliance_year": compliance_year,
                "expected_volume": expected_volume,
                "lot_no": lot_no,
                "reason": reason,
                "sectors": sectors,
                "tender_id": tender_id,
                "winners": winners,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        awarded_at = datetime.datetime.fromisoformat(d.pop("awarded_at"))

        compliance_year = d.pop("compliance_year")

        expected_volume = d.pop("expected_volume")

        lot_no = d.pop("lot_no")

        reason = d.pop("reason")

        sectors = cast(list[str], d.pop("sectors"))

        tender_id = d.pop("tender_id")

        winners = d.pop("winners")

        lot_award_public = cls(
            agency_id=agency_id,
            awarded_at=awarded_at,
            compliance_year=compliance_year,
            expected_volume=expected_volume,
            lot_no=lot_no,
            reason=reason,
            sectors=sectors,
            tender_id=tender_id,
            winners=winners,
        )

        lot_award_public.additional_properties = d
        return lot_award_public

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
