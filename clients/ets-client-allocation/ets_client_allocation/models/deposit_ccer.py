from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DepositCcer")


@_attrs_define
class DepositCcer:
    """CCERs entering the registry from the national registry (M-44(6)); vintage = the year of the reduction.

    Attributes:
        project_id (str):
        quantity (int):
        reduction_date (datetime.date): a date between 2000-01-01 and 2100-12-31
        boundary_entity_id (None | str | Unset): the covered entity inside whose emission boundary the project lies, if
            any
    """

    project_id: str
    quantity: int
    reduction_date: datetime.date
    boundary_entity_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        quantity = self.quantity

        reduction_date = self.reduction_date.isoformat()

        boundary_entity_id: None | str | Unset
        if isinstance(self.boundary_entity_id, Unset):
            boundary_entity_id = UNSET
        else:
            boundary_entity_id = self.boundary_entity_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "quantity": quantity,
                "reduction_date": reduction_date,
            }
        )
        if boundary_entity_id is not UNSET:
            field_dict["boundary_entity_id"] = boundary_entity_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        reduction_date = datetime.date.fromisoformat(d.pop("reduction_date"))

        def _parse_boundary_entity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        boundary_entity_id = _parse_boundary_entity_id(d.pop("boundary_entity_id", UNSET))

        deposit_ccer = cls(
            project_id=project_id,
            quantity=quantity,
            reduction_date=reduction_date,
            boundary_entity_id=boundary_entity_id,
        )

        deposit_ccer.additional_properties = d
        return deposit_ccer

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
