from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="IssueCertificate")


@_attrs_define
class IssueCertificate:
    """V: the year's verification work certificate (核查工作证) for a verifier who passed the year's training.

    Attributes:
        compliance_year (int): Compliance year whose reports are verified
        certificate_no (None | str | Unset): Assigned as HCZ-<year>-<verifier> when absent
    """

    compliance_year: int
    certificate_no: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        certificate_no: None | str | Unset
        if isinstance(self.certificate_no, Unset):
            certificate_no = UNSET
        else:
            certificate_no = self.certificate_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "compliance_year": compliance_year,
            }
        )
        if certificate_no is not UNSET:
            field_dict["certificate_no"] = certificate_no

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        def _parse_certificate_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        certificate_no = _parse_certificate_no(d.pop("certificate_no", UNSET))

        issue_certificate = cls(
            compliance_year=compliance_year,
            certificate_no=certificate_no,
        )

        return issue_certificate
