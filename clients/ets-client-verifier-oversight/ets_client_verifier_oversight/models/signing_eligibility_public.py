from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SigningEligibilityPublic")


@_attrs_define
class SigningEligibilityPublic:
    """
    Attributes:
        agency_id (str):
        at (datetime.datetime | None):
        compliance_year (int):
        entity_id (None | str):
        may_sign (bool):
        reason (str):
        verifier_id (str):
    """

    agency_id: str
    at: datetime.datetime | None
    compliance_year: int
    entity_id: None | str
    may_sign: bool
    reason: str
    verifier_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        at: None | str
        if isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        compliance_year = self.compliance_year

        entity_id: None | str
        entity_id = self.entity_id

        may_sign = self.may_sign

        reason = self.reason

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "at": at,
                "compliance_year": compliance_year,
                "entity_id": entity_id,
                "may_sign": may_sign,
                "reason": reason,
                "verifier_id": verifier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        def _parse_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        at = _parse_at(d.pop("at"))

        compliance_year = d.pop("compliance_year")

        def _parse_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))

        may_sign = d.pop("may_sign")

        reason = d.pop("reason")

        verifier_id = d.pop("verifier_id")

        signing_eligibility_public = cls(
            agency_id=agency_id,
            at=at,
            compliance_year=compliance_year,
            entity_id=entity_id,
            may_sign=may_sign,
            reason=reason,
            verifier_id=verifier_id,
        )

        signing_eligibility_public.additional_properties = d
        return signing_eligibility_public

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
