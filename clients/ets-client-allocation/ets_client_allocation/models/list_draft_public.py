from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.to_cover_public import ToCoverPublic


T = TypeVar("T", bound="ListDraftPublic")


@_attrs_define
class ListDraftPublic:
    """What publishing the year's list would do now.

    Attributes:
        compliance_year (int):
        covered_count (int):
        reporting_only_count (int):
        to_cover (list[ToCoverPublic]):
    """

    compliance_year: int
    covered_count: int
    reporting_only_count: int
    to_cover: list[ToCoverPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        covered_count = self.covered_count

        reporting_only_count = self.reporting_only_count

        to_cover = []
        for to_cover_item_data in self.to_cover:
            to_cover_item = to_cover_item_data.to_dict()
            to_cover.append(to_cover_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "covered_count": covered_count,
                "reporting_only_count": reporting_only_count,
                "to_cover": to_cover,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.to_cover_public import ToCoverPublic  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        covered_count = d.pop("covered_count")

        reporting_only_count = d.pop("reporting_only_count")

        to_cover = []
        _to_cover = d.pop("to_cover")
        for to_cover_item_data in _to_cover:
            to_cover_item = ToCoverPublic.from_dict(to_cover_item_data)

            to_cover.append(to_cover_item)

        list_draft_public = cls(
            compliance_year=compliance_year,
            covered_count=covered_count,
            reporting_only_count=reporting_only_count,
            to_cover=to_cover,
        )

        list_draft_public.additional_properties = d
        return list_draft_public

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
