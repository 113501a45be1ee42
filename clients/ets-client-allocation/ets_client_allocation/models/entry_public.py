from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.entry_public_base_years_type_0 import EntryPublicBaseYearsType0


T = TypeVar("T", bound="EntryPublic")


@_attrs_define
class EntryPublic:
    """
    Attributes:
        base_years (EntryPublicBaseYearsType0 | None):
        early_action_bonus (int):
        entity_id (str):
        factor (None | str):
        intensity (None | str):
        method (str):
        method_quantity (int):
        output (None | str):
        quantity (int):
    """

    base_years: EntryPublicBaseYearsType0 | None
    early_action_bonus: int
    entity_id: str
    factor: None | str
    intensity: None | str
    method: str
    method_quantity: int
    output: None | str
    quantity: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_public_base_years_type_0 import EntryPublicBaseYearsType0  # noqa: PLC0415

        base_years: dict[str, Any] | None
        if isinstance(self.base_years, EntryPublicBaseYearsType0):
            base_years = self.base_years.to_dict()
        else:
            base_years = self.base_years

        early_action_bonus = self.early_action_bonus

        entity_id = self.entity_id

        factor: None | str
        factor = self.factor

        intensity: None | str
        intensity = self.intensity

        method = self.method

        method_quantity = self.method_quantity

        output: None | str
        output = self.output

        quantity = self.quantity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_years": base_years,
                "early_action_bonus": early_action_bonus,
                "entity_id": entity_id,
                "factor": factor,
                "intensity": intensity,
                "method": method,
                "method_quantity": method_quantity,
                "output": output,
                "quantity": quantity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_public_base_years_type_0 import EntryPublicBaseYearsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_base_years(data: object) -> EntryPublicBaseYearsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                base_years_type_0 = EntryPublicBaseYearsType0.from_dict(data)

                return base_years_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EntryPublicBaseYearsType0 | None, data)

        base_years = _parse_base_years(d.pop("base_years"))

        early_action_bonus = d.pop("early_action_bonus")

        entity_id = d.pop("entity_id")

        def _parse_factor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        factor = _parse_factor(d.pop("factor"))

        def _parse_intensity(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        intensity = _parse_intensity(d.pop("intensity"))

        method = d.pop("method")

        method_quantity = d.pop("method_quantity")

        def _parse_output(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        output = _parse_output(d.pop("output"))

        quantity = d.pop("quantity")

        entry_public = cls(
            base_years=base_years,
            early_action_bonus=early_action_bonus,
            entity_id=entity_id,
            factor=factor,
            intensity=intensity,
            method=method,
            method_quantity=method_quantity,
            output=output,
            quantity=quantity,
        )

        entry_public.additional_properties = d
        return entry_public

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
