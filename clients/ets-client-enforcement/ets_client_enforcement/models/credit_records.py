from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.case_behind import CaseBehind


T = TypeVar("T", bound="CreditRecords")


@_attrs_define
class CreditRecords:
    """
    Attributes:
        entity_id (str):
        on (datetime.date | None):
        records (list[CaseBehind]):
    """

    entity_id: str
    on: datetime.date | None
    records: list[CaseBehind]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity_id = self.entity_id

        on: None | str
        if isinstance(self.on, datetime.date):
            on = self.on.isoformat()
        else:
            on = self.on

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity_id": entity_id,
                "on": on,
                "records": records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_behind import CaseBehind  # noqa: PLC0415

        d = dict(src_dict)
        entity_id = d.pop("entity_id")

        def _parse_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                on_type_0 = datetime.date.fromisoformat(data)

                return on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        on = _parse_on(d.pop("on"))

        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = CaseBehind.from_dict(records_item_data)

            records.append(records_item)

        credit_records = cls(
            entity_id=entity_id,
            on=on,
            records=records,
        )

        credit_records.additional_properties = d
        return credit_records

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
