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
        issued_at (datetime.datetime | None):
        may_sign (bool):
        revoke_reason (None | str):
        revoked_at (datetime.datetime | None):
        valid (bool):
        verifier_id (str):
        waiting_for (list[str]):
    """

    agency_id: str
    certificate_no: str
    issued_at: datetime.datetime | None
    may_sign: bool
    revoke_reason: None | str
    revoked_at: datetime.datetime | None
    valid: bool
    verifier_id: str
    waiting_for: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        certificate_no = self.certificate_no

        issued_at: None | str
        if isinstance(self.issued_at, datetime.datetime):
            issued_at = self.issued_at.isoformat()
        else:
            issued_at = self.issued_at

        may_sign = self.may_sign

        revoke_reason: None | str
        revoke_reason = self.revoke_reason

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        valid = self.valid

        verifier_id = self.verifier_id

        waiting_for = self.waiting_for

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "certificate_no": certificate_no,
                "issued_at": issued_at,
                "may_sign": may_sign,
                "revoke_reason": revoke_reason,
                "revoked_at": revoked_at,
                "valid": valid,
                "verifier_id": verifier_id,
                "waiting_for": waiting_for,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        certificate_no = d.pop("certificate_no")

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

        may_sign = d.pop("may_sign")

        def _parse_revoke_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revoke_reason = _parse_revoke_reason(d.pop("revoke_reason"))

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

        valid = d.pop("valid")

        verifier_id = d.pop("verifier_id")

        waiting_for = cast(list[str], d.pop("waiting_for"))

        certificate_public = cls(
            agency_id=agency_id,
            certificate_no=certificate_no,
            issued_at=issued_at,
            may_sign=may_sign,
            revoke_reason=revoke_reason,
            revoked_at=revoked_at,
            valid=valid,
            verifier_id=verifier_id,
            waiting_for=waiting_for,
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
