from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.result_public import ResultPublic


T = TypeVar("T", bound="ResultsPublic")


@_attrs_define
class ResultsPublic:
    """
    Attributes:
        compliance_year (int):
        finalised_at (datetime.datetime):
        results (list[ResultPublic]):
        table_version (int):
    """

    compliance_year: int
    finalised_at: datetime.datetime
    results: list[ResultPublic]
    table_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        finalised_at = self.finalised_at.isoformat()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        table_version = self.table_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "finalised_at": finalised_at,
                "results": results,
                "table_version": table_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_public import ResultPublic  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        finalised_at = datetime.datetime.fromisoformat(d.pop("finalised_at"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ResultPublic.from_dict(results_item_data)

            results.append(results_item)

        table_version = d.pop("table_version")

        results_public = cls(
            compliance_year=compliance_year,
            finalised_at=finalised_at,
            results=results,
            table_version=table_version,
        )

        results_public.additional_properties = d
        return results_public

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
