from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agency_standing_public import AgencyStandingPublic
    from ..models.certificate_public import CertificatePublic


T = TypeVar("T", bound="SignatoriesPublic")


@_attrs_define
class SignatoriesPublic:
    """
    Attributes:
        agencies (list[AgencyStandingPublic]):
        certificates (list[CertificatePublic]):
        compliance_year (int):
    """

    agencies: list[AgencyStandingPublic]
    certificates: list[CertificatePublic]
    compliance_year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agencies = []
        for agencies_item_data in self.agencies:
            agencies_item = agencies_item_data.to_dict()
            agencies.append(agencies_item)

        certificates = []
        for certificates_item_data in self.certificates:
            certificates_item = certificates_item_data.to_dict()
            certificates.append(certificates_item)

        compliance_year = self.compliance_year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agencies": agencies,
                "certificates": certificates,
                "compliance_year": compliance_year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agency_standing_public import AgencyStandingPublic  # noqa: PLC0415
        from ..models.certificate_public import CertificatePublic  # noqa: PLC0415

        d = dict(src_dict)
        agencies = []
        _agencies = d.pop("agencies")
        for agencies_item_data in _agencies:
            agencies_item = AgencyStandingPublic.from_dict(agencies_item_data)

            agencies.append(agencies_item)

        certificates = []
        _certificates = d.pop("certificates")
        for certificates_item_data in _certificates:
            certificates_item = CertificatePublic.from_dict(certificates_item_data)

            certificates.append(certificates_item)

        compliance_year = d.pop("compliance_year")

        signatories_public = cls(
            agencies=agencies,
            certificates=certificates,
            compliance_year=compliance_year,
        )

        signatories_public.additional_properties = d
        return signatories_public

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
