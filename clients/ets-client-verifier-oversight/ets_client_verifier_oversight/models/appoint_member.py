from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.appoint_member_kind import AppointMemberKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conflict_in import ConflictIn


T = TypeVar("T", bound="AppointMember")


@_attrs_define
class AppointMember:
    """
    Attributes:
        affiliation (str):
        kind (AppointMemberKind):
        member_id (str):
        name (str):
        conflicts (list[ConflictIn] | Unset):
    """

    affiliation: str
    kind: AppointMemberKind
    member_id: str
    name: str
    conflicts: list[ConflictIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        affiliation = self.affiliation

        kind = self.kind.value

        member_id = self.member_id

        name = self.name

        conflicts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = []
            for conflicts_item_data in self.conflicts:
                conflicts_item = conflicts_item_data.to_dict()
                conflicts.append(conflicts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "affiliation": affiliation,
                "kind": kind,
                "member_id": member_id,
                "name": name,
            }
        )
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_in import ConflictIn  # noqa: PLC0415

        d = dict(src_dict)
        affiliation = d.pop("affiliation")

        kind = AppointMemberKind(d.pop("kind"))

        member_id = d.pop("member_id")

        name = d.pop("name")

        _conflicts = d.pop("conflicts", UNSET)
        conflicts: list[ConflictIn] | Unset = UNSET
        if _conflicts is not UNSET:
            conflicts = []
            for conflicts_item_data in _conflicts:
                conflicts_item = ConflictIn.from_dict(conflicts_item_data)

                conflicts.append(conflicts_item)

        appoint_member = cls(
            affiliation=affiliation,
            kind=kind,
            member_id=member_id,
            name=name,
            conflicts=conflicts,
        )

        return appoint_member
