from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.blacklist_entry_public import BlacklistEntryPublic
    from ..models.certificate_public import CertificatePublic
    from ..models.evaluation_public import EvaluationPublic
    from ..models.verifier_public import VerifierPublic


T = TypeVar("T", bound="AgencyDetail")


@_attrs_define
class AgencyDetail:
    """
    Attributes:
        agency_id (str):
        blacklist (list[BlacklistEntryPublic]):
        certificates (list[CertificatePublic]):
        credit_code (str):
        evaluations (list[EvaluationPublic]):
        fields (list[str]):
        filed_at (datetime.datetime):
        name (str):
        selected_years (list[int]):
        status (str):
        verifiers (list[VerifierPublic]):
        version (int):
    """

    agency_id: str
    blacklist: list[BlacklistEntryPublic]
    certificates: list[CertificatePublic]
    credit_code: str
    evaluations: list[EvaluationPublic]
    fields: list[str]
    filed_at: datetime.datetime
    name: str
    selected_years: list[int]
    status: str
    verifiers: list[VerifierPublic]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        blacklist = []
        for blacklist_item_data in self.blacklist:
            blacklist_item = blacklist_item_data.to_dict()
            blacklist.append(blacklist_item)

        certificates = []
        for certificates_item_data in self.certificates:
            certificates_item = certificates_item_data.to_dict()
            certificates.append(certificates_item)

        credit_code = self.credit_code

        evaluations = []
        for evaluations_item_data in self.evaluations:
            evaluations_item = evaluations_item_data.to_dict()
            evaluations.append(evaluations_item)

        fields = self.fields

        filed_at = self.filed_at.isoformat()

        name = self.name

        selected_years = self.selected_years

        status = self.status

        verifiers = []
        for verifiers_item_data in self.verifiers:
            verifiers_item = verifiers_item_data.to_dict()
            verifiers.append(verifiers_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "blacklist": blacklist,
                "certificates": certificates,
                "credit_code": credit_code,
                "evaluations": evaluations,
                "fields": fields,
                "filed_at": filed_at,
                "name": name,
                "selected_years": selected_years,
                "status": status,
                "verifiers": verifiers,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blacklist_entry_public import BlacklistEntryPublic  # noqa: PLC0415
        from ..models.certificate_public import CertificatePublic  # noqa: PLC0415
        from ..models.evaluation_public import EvaluationPublic  # noqa: PLC0415
        from ..models.verifier_public import VerifierPublic  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        blacklist = []
        _blacklist = d.pop("blacklist")
        for blacklist_item_data in _blacklist:
            blacklist_item = BlacklistEntryPublic.from_dict(blacklist_item_data)

            blacklist.append(blacklist_item)

        certificates = []
        _certificates = d.pop("certificates")
        for certificates_item_data in _certificates:
            certificates_item = CertificatePublic.from_dict(certificates_item_data)

            certificates.append(certificates_item)

        credit_code = d.pop("credit_code")

        evaluations = []
        _evaluations = d.pop("evaluations")
        for evaluations_item_data in _evaluations:
            evaluations_item = EvaluationPublic.from_dict(evaluations_item_data)

            evaluations.append(evaluations_item)

        fields = cast(list[str], d.pop("fields"))

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        name = d.pop("name")

        selected_years = cast(list[int], d.pop("selected_years"))

        status = d.pop("status")

        verifiers = []
        _verifiers = d.pop("verifiers")
        for verifiers_item_data in _verifiers:
            verifiers_item = VerifierPublic.from_dict(verifiers_item_data)

            verifiers.append(verifiers_item)

        version = d.pop("version")

        agency_detail = cls(
            agency_id=agency_id,
            blacklist=blacklist,
            certificates=certificates,
            credit_code=credit_code,
            evaluations=evaluations,
            fields=fields,
            filed_at=filed_at,
            name=name,
            selected_years=selected_years,
            status=status,
            verifiers=verifiers,
            version=version,
        )

        agency_detail.additional_properties = d
        return agency_detail

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
