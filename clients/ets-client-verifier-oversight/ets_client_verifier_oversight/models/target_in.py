from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TargetIn")


@_attrs_define
class TargetIn:
    """
    Attributes:
        entity_id (str):
        reason (str):
    """

    entity_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        entity_id = self.entity_id

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entity_id": entity_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entity_id = d.pop("entity_id")

        reason = d.pop("reason")

        target_in = cls(
            entity_id=entity_id,
            reason=reason,
        )

        return target_in
