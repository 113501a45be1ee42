from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.serial_movement_public import SerialMovementPublic


T = TypeVar("T", bound="SerialPublic")


@_attrs_define
class SerialPublic:
    """
    Attributes:
        held_by (None | str):
        history (list[SerialMovementPublic]):
        serial (str):
    """

    held_by: None | str
    history: list[SerialMovementPublic]
    serial: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        held_by: None | str
        held_by = self.held_by

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        serial = self.serial

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "held_by": held_by,
                "history": history,
                "serial": serial,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serial_movement_public import SerialMovementPublic  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_held_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        held_by = _parse_held_by(d.pop("held_by"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = SerialMovementPublic.from_dict(history_item_data)

            history.append(history_item)

        serial = d.pop("serial")

        serial_public = cls(
            held_by=held_by,
            history=history,
            serial=serial,
        )

        serial_public.additional_properties = d
        return serial_public

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
