from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.surrender_line_unit_type import SurrenderLineUnitType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SurrenderLine")


@_attrs_define
class SurrenderLine:
    """
    Attributes:
        quantity (int):
        unit_type (SurrenderLineUnitType):
        vintage (int): a unit's vintage year (2000-2100); which vintages count is a rule's to say
        project_id (None | str | Unset): required for CCER: the project
    """

    quantity: int
    unit_type: SurrenderLineUnitType
    vintage: int
    project_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quantity = self.quantity

        unit_type = self.unit_type.value

        vintage = self.vintage

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quantity": quantity,
                "unit_type": unit_type,
                "vintage": vintage,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quantity = d.pop("quantity")

        unit_type = SurrenderLineUnitType(d.pop("unit_type"))

        vintage = d.pop("vintage")

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        surrender_line = cls(
            quantity=quantity,
            unit_type=unit_type,
            vintage=vintage,
            project_id=project_id,
        )

        surrender_line.additional_properties = d
        return surrender_line

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
