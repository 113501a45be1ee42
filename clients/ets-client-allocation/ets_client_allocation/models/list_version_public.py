from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ListVersionPublic")


@_attrs_define
class ListVersionPublic:
    """
    Attributes:
        compliance_year (int):
        covered_count (int):
        digest (str):
        published_at (datetime.datetime):
        reporting_only_count (int):
        version (int):
    """

    compliance_year: int
    covered_count: int
    digest: str
    published_at: datetime.datetime
    reporting_only_count: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        covered_count = self.covered_count

        digest = self.digest

        published_at = self.published_at.isoformat()

        reporting_only_count = self.reporting_only_count

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "covered_count": covered_count,
                "digest": digest,
                "published_at": published_at,
                "reporting_only_count": reporting_only_count,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        covered_count = d.pop("covered_count")

        digest = d.pop("digest")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        reporting_only_count = d.pop("reporting_only_count")

        version = d.pop("version")

        list_version_public = cls(
            compliance_year=compliance_year,
            covered_count=covered_count,
            digest=digest,
            published_at=published_at,
            reporting_only_count=reporting_only_count,
            version=version,
        )

        list_version_public.additional_properties = d
        return list_version_public

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
