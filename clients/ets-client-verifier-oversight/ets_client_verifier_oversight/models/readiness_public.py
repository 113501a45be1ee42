from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReadinessPublic")


@_attrs_define
class ReadinessPublic:
    """
    Attributes:
        agencies (list[str]):
        bars (list[str]):
        compliance_year (int):
        finalised (bool):
        ready (bool):
    """

    agencies: list[str]
    bars: list[str]
    compliance_year: int
    finalised: bool
    ready: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agencies = self.agencies

        bars = self.bars

        compliance_year = self.compliance_year

        finalised = self.finalised

        ready = self.ready

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agencies": agencies,
                "bars": bars,
                "compliance_year": compliance_year,
                "finalised": finalised,
                "ready": ready,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agencies = cast(list[str], d.pop("agencies"))

        bars = cast(list[str], d.pop("bars"))

        compliance_year = d.pop("compliance_year")

        finalised = d.pop("finalised")

        ready = d.pop("ready")

        readiness_public = cls(
            agencies=agencies,
            bars=bars,
            compliance_year=compliance_year,
            finalised=finalised,
            ready=ready,
        )

        readiness_public.additional_properties = d
        return readiness_public

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
