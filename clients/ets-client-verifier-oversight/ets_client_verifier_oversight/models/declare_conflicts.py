from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.conflict_in import ConflictIn


T = TypeVar("T", bound="DeclareConflicts")


@_attrs_define
class DeclareConflicts:
    """
    Attributes:
        conflicts (list[ConflictIn]):
    """

    conflicts: list[ConflictIn]

    def to_dict(self) -> dict[str, Any]:
        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "conflicts": conflicts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_in import ConflictIn  # noqa: PLC0415

        d = dict(src_dict)
        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ConflictIn.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        declare_conflicts = cls(
            conflicts=conflicts,
        )

        return declare_conflicts
