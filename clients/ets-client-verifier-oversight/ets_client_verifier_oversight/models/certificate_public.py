from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CertificatePublic")


@_attrs_define
class CertificatePublic:
    """
    Attributes:
        agency_id (str):
        certificate_no (str):
        compliance_year (int):
        exam_score (int | None):
        issued_at (datetime.datetime):
        revocation_reason (None | str):
        revoked_at (datetime.datetime | None):
        training_id (None | str):
        verifier_id (str):
    """

    agency_id: str
    certificate_no: str
    compliance_year: int
    exam_score: int | None
    issued_at: datetime.datetime
    revocation_reason: None | str
    revoked_at: datetime.datetime | None
    training_id: None | str
    verifier_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        certificate_no = self.certificate_no

        compliance_year = self.compliance_year

        exam_score: int | None
        exam_score = self.exam_score

        issued_at = self.issued_at.isoformat()

        revocation_reason: None | str
        revocation_reason = self.revocation_reason

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        training_id: None | str
        training_id = self.training_id

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "certificate_no": certificate_no,
                "compliance_year": compliance_year,
                "exam_score": exam_score,
                "issued_at": issued_at,
                "revocation_reason": revocation_reason,
                "revoked_at": revoked_at,
                "training_id": training_id,
                "verifier_id": verifier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        certificate_no = d.pop("certificate_no")

        compliance_year = d.pop("compliance_year")

        def _parse_exam_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exam_score = _parse_exam_score(d.pop("exam_score"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        def _parse_revocation_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revocation_reason = _parse_revocation_reason(d.pop("revocation_reason"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_training_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        training_id = _parse_training_id(d.pop("training_id"))

        verifier_id = d.pop("verifier_id")

        certificate_public = cls(
            agency_id=agency_id,
            certificate_no=certificate_no,
            compliance_year=compliance_year,
            exam_score=exam_score,
            issued_at=issued_at,
            revocation_reason=revocation_reason,
            revoked_at=revoked_at,
            training_id=training_id,
            verifier_id=verifier_id,
        )

        certificate_public.additional_properties = d
        return certificate_public

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
