from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanSourcePublic")


@_attrs_define
class PlanSourcePublic:
    """
    Attributes:
        frequency (str):
        instruments (str):
        kind (str):
        method (str):
        name (str):
    """

    frequency: str
    instruments: str
    kind: str
    method: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        frequency = self.frequency

        instruments = self.instruments

        kind = self.kind

        method = self.method

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "frequency": frequency,
                "instruments": instruments,
                "kind": kind,
                "method": method,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        frequency = d.pop("frequency")

        instruments = d.pop("instruments")

        kind = d.pop("kind")

        method = d.pop("method")

        name = d.pop("name")

        plan_source_public = cls(
            frequency=frequency,
            instruments=instruments,
            kind=kind,
            method=method,
            name=name,
        )

        plan_source_public.additional_properties = d
        return plan_source_public

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
