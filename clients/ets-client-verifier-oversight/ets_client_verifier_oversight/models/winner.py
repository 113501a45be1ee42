from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Winner")


@_attrs_define
class Winner:
    """
    Attributes:
        agency_id (str):
        reason (str):
    """

    agency_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agency_id": agency_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        reason = d.pop("reason")

        winner = cls(
            agency_id=agency_id,
            reason=reason,
        )

        return winner
