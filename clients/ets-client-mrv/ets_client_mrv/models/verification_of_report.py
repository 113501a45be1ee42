from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="VerificationOfReport")


@_attrs_define
class VerificationOfReport:
    """The verification report (M-13) of one emission report, signed by the caller.

    Attributes:
        agency_id (str):
        report_id (str):
        verified_sources (list[Source]):
        correlation_id (None | str | Unset): this item's compliance case id for its events (default: a new one)
        findings (list[str] | Unset): the verifier's findings; a single text is taken as one finding
    """

    agency_id: str
    report_id: str
    verified_sources: list[Source]
    correlation_id: None | str | Unset = UNSET
    findings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        report_id = self.report_id

        verified_sources = []
        for verified_sources_item_data in self.verified_sources:
            verified_sources_item = verified_sources_item_data.to_dict()
            verified_sources.append(verified_sources_item)

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        findings: list[str] | Unset = UNSET
        if not isinstance(self.findings, Unset):
            findings = self.findings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "report_id": report_id,
                "verified_sources": verified_sources,
            }
        )
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id
        if findings is not UNSET:
            field_dict["findings"] = findings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        report_id = d.pop("report_id")

        verified_sources = []
        _verified_sources = d.pop("verified_sources")
        for verified_sources_item_data in _verified_sources:
            verified_sources_item = Source.from_dict(verified_sources_item_data)

            verified_sources.append(verified_sources_item)

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

        findings = cast(list[str], d.pop("findings", UNSET))

        verification_of_report = cls(
            agency_id=agency_id,
            report_id=report_id,
            verified_sources=verified_sources,
            correlation_id=correlation_id,
            findings=findings,
        )

        verification_of_report.additional_properties = d
        return verification_of_report

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
