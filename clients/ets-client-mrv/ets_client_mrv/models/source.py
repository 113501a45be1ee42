from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_kind import SourceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Source")


@_attrs_define
class Source:
    """One activity source (M-44(1)): fuel burnt (t or 10^4 Nm3, with its fuel code), an industrial process (tCO2e),
    purchased electricity (10^4 kWh) or purchased heat (GJ).

        Attributes:
            kind (SourceKind):
            quantity (int | str): exact decimal string, e.g. "123.4"
            unit (str):
            description (str | Unset):  Default: ''.
            fuel (None | str | Unset): fuel code, only for kind fuel (e.g. natural_gas)
    """

    kind: SourceKind
    quantity: int | str
    unit: str
    description: str | Unset = ""
    fuel: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        quantity: int | str
        quantity = self.quantity

        unit = self.unit

        description = self.description

        fuel: None | str | Unset
        if isinstance(self.fuel, Unset):
            fuel = UNSET
        else:
            fuel = self.fuel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "quantity": quantity,
                "unit": unit,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if fuel is not UNSET:
            field_dict["fuel"] = fuel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = SourceKind(d.pop("kind"))

        def _parse_quantity(data: object) -> int | str:
            return cast(int | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        unit = d.pop("unit")

        description = d.pop("description", UNSET)

        def _parse_fuel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fuel = _parse_fuel(d.pop("fuel", UNSET))

        source = cls(
            kind=kind,
            quantity=quantity,
            unit=unit,
            description=description,
            fuel=fuel,
        )

        source.additional_properties = d
        return source

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
