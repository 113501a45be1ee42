from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.certificate_public import CertificatePublic
    from ..models.session_certified_skipped import SessionCertifiedSkipped


T = TypeVar("T", bound="SessionCertified")


@_attrs_define
class SessionCertified:
    """
    Attributes:
        issued (list[CertificatePublic]):
        skipped (SessionCertifiedSkipped):
    """

    issued: list[CertificatePublic]
    skipped: SessionCertifiedSkipped
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issued = []
        for issued_item_data in self.issued:
            issued_item = issued_item_data.to_dict()
            issued.append(issued_item)

        skipped = self.skipped.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issued": issued,
                "skipped": skipped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certificate_public import CertificatePublic  # noqa: PLC0415
        from ..models.session_certified_skipped import SessionCertifiedSkipped  # noqa: PLC0415

        d = dict(src_dict)
        issued = []
        _issued = d.pop("issued")
        for issued_item_data in _issued:
            issued_item = CertificatePublic.from_dict(issued_item_data)

            issued.append(issued_item)

        skipped = SessionCertifiedSkipped.from_dict(d.pop("skipped"))

        session_certified = cls(
            issued=issued,
            skipped=skipped,
        )

        session_certified.additional_properties = d
        return session_certified

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
