from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_line_unit_type import TransferLineUnitType

T = TypeVar("T", bound="TransferLine")


@_attrs_define
class TransferLine:
    """
    Attributes:
        quantity (int): whole units
        unit_type (TransferLineUnitType): only SHEA enters a trading account (M-19)
        vintage (int): a compliance year (2013-2100)
    """

    quantity: int
    unit_type: TransferLineUnitType
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quantity = self.quantity

        unit_type = self.unit_type.value

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quantity": quantity,
                "unit_type": unit_type,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quantity = d.pop("quantity")

        unit_type = TransferLineUnitType(d.pop("unit_type"))

        vintage = d.pop("vintage")

        transfer_line = cls(
            quantity=quantity,
            unit_type=unit_type,
            vintage=vintage,
        )

        transfer_line.additional_properties = d
        return transfer_line

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
