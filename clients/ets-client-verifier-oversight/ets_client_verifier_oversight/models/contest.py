from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Contest")


@_attrs_define
class Contest:
    """
    Attributes:
        grounds (str):
    """

    grounds: str

    def to_dict(self) -> dict[str, Any]:
        grounds = self.grounds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grounds": grounds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grounds = d.pop("grounds")

        contest = cls(
            grounds=grounds,
        )

        return contest
