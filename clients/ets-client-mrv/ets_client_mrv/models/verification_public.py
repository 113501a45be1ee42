from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="VerificationPublic")


@_attrs_define
class VerificationPublic:
    """
    Attributes:
        agency_id (str):
        certificate_no (str):
        direct (str):
        findings (list[str]):
        indirect (str):
        late (bool):
        report_id (str):
        submitted_at (datetime.datetime):
        total (str):
        verification_id (str):
        verified_emissions (int):
        verified_sources (list[Source]):
        verifier_id (str):
    """

    agency_id: str
    certificate_no: str
    direct: str
    findings: list[str]
    indirect: str
    late: bool
    report_id: str
    submitted_at: datetime.datetime
    total: str
    verification_id: str
    verified_emissions: int
    verified_sources: list[Source]
    verifier_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        certificate_no = self.certificate_no

        direct = self.direct

        findings = self.findings

        indirect = self.indirect

        late = self.late

        report_id = self.report_id

        submitted_at = self.submitted_at.isoformat()

        total = self.total

        verification_id = self.verification_id

        verified_emissions = self.verified_emissions

        verified_sources = []
        for verified_sources_item_data in self.verified_sources:
            verified_sources_item = verified_sources_item_data.to_dict()
            verified_sources.append(verified_sources_item)

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "certificate_no": certificate_no,
                "direct": direct,
                "findings": findings,
                "indirect": indirect,
                "late": late,
                "report_id": report_id,
                "submitted_at": submitted_at,
                "total": total,
                "verification_id": verification_id,
                "verified_emissions": verified_emissions,
                "verified_sources": verified_sources,
                "verifier_id": verifier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        certificate_no = d.pop("certificate_no")

        direct = d.pop("direct")

        findings = cast(list[str], d.pop("findings"))

        indirect = d.pop("indirect")

        late = d.pop("late")

        report_id = d.pop("report_id")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        total = d.pop("total")

        verification_id = d.pop("verification_id")

        verified_emissions = d.pop("verified_emissions")

        verified_sources = []
        _verified_sources = d.pop("verified_sources")
        for verified_sources_item_data in _verified_sources:
            verified_sources_item = Source.from_dict(verified_sources_item_data)

            verified_sources.append(verified_sources_item)

        verifier_id = d.pop("verifier_id")

        verification_public = cls(
            agency_id=agency_id,
            certificate_no=certificate_no,
            direct=direct,
            findings=findings,
            indirect=indirect,
            late=late,
            report_id=report_id,
            submitted_at=submitted_at,
            total=total,
            verification_id=verification_id,
            verified_emissions=verified_emissions,
            verified_sources=verified_sources,
            verifier_id=verifier_id,
        )

        verification_public.additional_properties = d
        return verification_public

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
