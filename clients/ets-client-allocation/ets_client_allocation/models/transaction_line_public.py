from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransactionLinePublic")


@_attrs_define
class TransactionLinePublic:
    """
    Attributes:
        from_account_id (str):
        quantity (int):
        to_account_id (str):
        unit_type (str):
        vintage (int):
        boundary_entity_id (None | str | Unset):
        project_id (None | str | Unset):
        reduction_date (datetime.date | None | Unset):
    """

    from_account_id: str
    quantity: int
    to_account_id: str
    unit_type: str
    vintage: int
    boundary_entity_id: None | str | Unset = UNSET
    project_id: None | str | Unset = UNSET
    reduction_date: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_account_id = self.from_account_id

        quantity = self.quantity

        to_account_id = self.to_account_id

        unit_type = self.unit_type

        vintage = self.vintage

        boundary_entity_id: None | str | Unset
        if isinstance(self.boundary_entity_id, Unset):
            boundary_entity_id = UNSET
        else:
            boundary_entity_id = self.boundary_entity_id

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        reduction_date: None | str | Unset
        if isinstance(self.reduction_date, Unset):
            reduction_date = UNSET
        elif isinstance(self.reduction_date, datetime.date):
            reduction_date = self.reduction_date.isoformat()
        else:
            reduction_date = self.reduction_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_account_id": from_account_id,
                "quantity": quantity,
                "to_account_id": to_account_id,
                "unit_type": unit_type,
                "vintage": vintage,
            }
        )
        if boundary_entity_id is not UNSET:
            field_dict["boundary_entity_id"] = boundary_entity_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if reduction_date is not UNSET:
            field_dict["reduction_date"] = reduction_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_account_id = d.pop("from_account_id")

        quantity = d.pop("quantity")

        to_account_id = d.pop("to_account_id")

        unit_type = d.pop("unit_type")

        vintage = d.pop("vintage")

        def _parse_boundary_entity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        boundary_entity_id = _parse_boundary_entity_id(d.pop("boundary_entity_id", UNSET))

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_reduction_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reduction_date_type_0 = datetime.date.fromisoformat(data)

                return reduction_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        reduction_date = _parse_reduction_date(d.pop("reduction_date", UNSET))

        transaction_line_public = cls(
            from_account_id=from_account_id,
            quantity=quantity,
            to_account_id=to_account_id,
            unit_type=unit_type,
            vintage=vintage,
            boundary_entity_id=boundary_entity_id,
            project_id=project_id,
            reduction_date=reduction_date,
        )

        transaction_line_public.additional_properties = d
        return transaction_line_public

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
