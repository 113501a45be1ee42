from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BlockPublic")


@_attrs_define
class BlockPublic:
    """
    Attributes:
        first (str):
        first_serial (int):
        issuer (str):
        last (str):
        last_serial (int):
        lot (str):
        quantity (int):
        unit_type (str):
        vintage (int):
    """

    first: str
    first_serial: int
    issuer: str
    last: str
    last_serial: int
    lot: str
    quantity: int
    unit_type: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first = self.first

        first_serial = self.first_serial

        issuer = self.issuer

        last = self.last

        last_serial = self.last_serial

        lot = self.lot

        quantity = self.quantity

        unit_type = self.unit_type

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first": first,
                "first_serial": first_serial,
                "issuer": issuer,
                "last": last,
                "last_serial": last_serial,
                "lot": lot,
                "quantity": quantity,
                "unit_type": unit_type,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first = d.pop("first")

        first_serial = d.pop("first_serial")

        issuer = d.pop("issuer")

        last = d.pop("last")

        last_serial = d.pop("last_serial")

        lot = d.pop("lot")

        quantity = d.pop("quantity")

        unit_type = d.pop("unit_type")

        vintage = d.pop("vintage")

        block_public = cls(
            first=first,
            first_serial=first_serial,
            issuer=issuer,
            last=last,
            last_serial=last_serial,
            lot=lot,
            quantity=quantity,
            unit_type=unit_type,
            vintage=vintage,
        )

        block_public.additional_properties = d
        return block_public

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
