from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecordAttendance")


@_attrs_define
class RecordAttendance:
    """
    Attributes:
        verifier_ids (list[str]):
    """

    verifier_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        verifier_ids = self.verifier_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "verifier_ids": verifier_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        verifier_ids = cast(list[str], d.pop("verifier_ids"))

        record_attendance = cls(
            verifier_ids=verifier_ids,
        )

        return record_attendance
