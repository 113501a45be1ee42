from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SignatoryCheck")


@_attrs_define
class SignatoryCheck:
    """
    Attributes:
        agency_id (str):
        certificate_no (None | str):
        compliance_year (int):
        entity_id (str):
        may_sign (bool):
        reason (str):
        verifier_id (str):
    """

    agency_id: str
    certificate_no: None | str
    compliance_year: int
    entity_id: str
    may_sign: bool
    reason: str
    verifier_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        certificate_no: None | str
        certificate_no = self.certificate_no

        compliance_year = self.compliance_year

        entity_id = self.entity_id

        may_sign = self.may_sign

        reason = self.reason

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "certificate_no": certificate_no,
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

        def _parse_certificate_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certificate_no = _parse_certificate_no(d.pop("certificate_no"))

        compliance_year = d.pop("compliance_year")

        entity_id = d.pop("entity_id")

        may_sign = d.pop("may_sign")

        reason = d.pop("reason")

        verifier_id = d.pop("verifier_id")

        signatory_check = cls(
            agency_id=agency_id,
            certificate_no=certificate_no,
            compliance_year=compliance_year,
            entity_id=entity_id,
            may_sign=may_sign,
            reason=reason,
            verifier_id=verifier_id,
        )

        signatory_check.additional_properties = d
        return signatory_check

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
