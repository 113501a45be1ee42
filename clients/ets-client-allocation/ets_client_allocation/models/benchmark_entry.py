from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BenchmarkEntry")


@_attrs_define
class BenchmarkEntry:
    """基准线法 (M-8): round(benchmark intensity x output) + early-action bonus.

    Attributes:
        entity_id (str):
        intensity (int | str): tCO2e per unit of output
        method (Literal['benchmark']):
        output (int | str): an exact decimal as a string, up to 16 digits and 6 decimal places
        early_action_bonus (int | Unset):  Default: 0.
    """

    entity_id: str
    intensity: int | str
    method: Literal["benchmark"]
    output: int | str
    early_action_bonus: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity_id = self.entity_id

        intensity: int | str
        intensity = self.intensity

        method = self.method

        output: int | str
        output = self.output

        early_action_bonus = self.early_action_bonus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity_id": entity_id,
                "intensity": intensity,
                "method": method,
                "output": output,
            }
        )
        if early_action_bonus is not UNSET:
            field_dict["early_action_bonus"] = early_action_bonus

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entity_id = d.pop("entity_id")

        def _parse_intensity(data: object) -> int | str:
            return cast(int | str, data)

        intensity = _parse_intensity(d.pop("intensity"))

        method = cast(Literal["benchmark"], d.pop("method"))
        if method != "benchmark":
            raise ValueError(f"method must match const 'benchmark', got '{method}'")

        def _parse_output(data: object) -> int | str:
            return cast(int | str, data)

        output = _parse_output(d.pop("output"))

        early_action_bonus = d.pop("early_action_bonus", UNSET)

        benchmark_entry = cls(
            entity_id=entity_id,
            intensity=intensity,
            method=method,
            output=output,
            early_action_bonus=early_action_bonus,
        )

        benchmark_entry.additional_properties = d
        return benchmark_entry

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
