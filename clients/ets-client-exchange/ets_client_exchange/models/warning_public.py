from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WarningPublic")


@_attrs_define
class WarningPublic:
    """
    Attributes:
        issued_at (datetime.datetime):
        issued_by (str):
        level (str):
        message (str):
        product_id (None | str):
        warning_id (str):
    """

    issued_at: datetime.datetime
    issued_by: str
    level: str
    message: str
    product_id: None | str
    warning_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issued_at = self.issued_at.isoformat()

        issued_by = self.issued_by

        level = self.level

        message = self.message

        product_id: None | str
        product_id = self.product_id

        warning_id = self.warning_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issued_at": issued_at,
                "issued_by": issued_by,
                "level": level,
                "message": message,
                "product_id": product_id,
                "warning_id": warning_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        issued_by = d.pop("issued_by")

        level = d.pop("level")

        message = d.pop("message")

        def _parse_product_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_id = _parse_product_id(d.pop("product_id"))

        warning_id = d.pop("warning_id")

        warning_public = cls(
            issued_at=issued_at,
            issued_by=issued_by,
            level=level,
            message=message,
            product_id=product_id,
            warning_id=warning_id,
        )

        warning_public.additional_properties = d
        return warning_public

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
