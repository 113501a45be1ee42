from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trigger_public import TriggerPublic


T = TypeVar("T", bound="RecheckPublic")


@_attrs_define
class RecheckPublic:
    """
    Attributes:
        due_by (datetime.date):
        opened_at (datetime.datetime):
        triggers (list[TriggerPublic]):
    """

    due_by: datetime.date
    opened_at: datetime.datetime
    triggers: list[TriggerPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_by = self.due_by.isoformat()

        opened_at = self.opened_at.isoformat()

        triggers = []
        for triggers_item_data in self.triggers:
            triggers_item = triggers_item_data.to_dict()
            triggers.append(triggers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_by": due_by,
                "opened_at": opened_at,
                "triggers": triggers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_public import TriggerPublic  # noqa: PLC0415

        d = dict(src_dict)
        due_by = datetime.date.fromisoformat(d.pop("due_by"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        triggers = []
        _triggers = d.pop("triggers")
        for triggers_item_data in _triggers:
            triggers_item = TriggerPublic.from_dict(triggers_item_data)

            triggers.append(triggers_item)

        recheck_public = cls(
            due_by=due_by,
            opened_at=opened_at,
            triggers=triggers,
        )

        recheck_public.additional_properties = d
        return recheck_public

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
