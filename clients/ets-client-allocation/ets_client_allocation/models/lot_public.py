from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LotPublic")


@_attrs_define
class LotPublic:
    """
    Attributes:
        boundary_entity_id (None | str):
        project_id (None | str):
        quantity (int):
        reduction_date (datetime.date | None):
        unit_type (str):
        vintage (int):
    """

    boundary_entity_id: None | str
    project_id: None | str
    quantity: int
    reduction_date: datetime.date | None
    unit_type: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        boundary_entity_id: None | str
        boundary_entity_id = self.boundary_entity_id

        project_id: None | str
        project_id = self.project_id

        quantity = self.quantity

        reduction_date: None | str
        if isinstance(self.reduction_date, datetime.date):
            reduction_date = self.reduction_date.isoformat()
        else:
            reduction_date = self.reduction_date

        unit_type = self.unit_type

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundary_entity_id": boundary_entity_id,
                "project_id": project_id,
                "quantity": quantity,
                "reduction_date": reduction_date,
                "unit_type": unit_type,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_boundary_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        boundary_entity_id = _parse_boundary_entity_id(d.pop("boundary_entity_id"))

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        quantity = d.pop("quantity")

        def _parse_reduction_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reduction_date_type_0 = datetime.date.fromisoformat(data)

                return reduction_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        reduction_date = _parse_reduction_date(d.pop("reduction_date"))

        unit_type = d.pop("unit_type")

        vintage = d.pop("vintage")

        lot_public = cls(
            boundary_entity_id=boundary_entity_id,
            project_id=project_id,
            quantity=quantity,
            reduction_date=reduction_date,
            unit_type=unit_type,
            vintage=vintage,
        )

        lot_public.additional_properties = d
        return lot_public

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
