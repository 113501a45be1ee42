from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_succession_kind import FileSuccessionKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.split_facility import SplitFacility


T = TypeVar("T", bound="FileSuccession")


@_attrs_define
class FileSuccession:
    """M-10: a merger (predecessors -> `successor_id`, the surviving or a newly registered unit) or a split (one
    predecessor -> the owners of its facilities, by a plan accounting for exactly 100 % of holdings and
    obligations).

        Attributes:
            effective_on (datetime.date): a date between 2000-01-01 and 2100-12-31
            kind (FileSuccessionKind):
            predecessor_ids (list[str]):
            statement (str):
            facilities (list[SplitFacility] | Unset):
            successor_id (None | str | Unset):
    """

    effective_on: datetime.date
    kind: FileSuccessionKind
    predecessor_ids: list[str]
    statement: str
    facilities: list[SplitFacility] | Unset = UNSET
    successor_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        kind = self.kind.value

        predecessor_ids = self.predecessor_ids

        statement = self.statement

        facilities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.facilities, Unset):
            facilities = []
            for facilities_item_data in self.facilities:
                facilities_item = facilities_item_data.to_dict()
                facilities.append(facilities_item)

        successor_id: None | str | Unset
        if isinstance(self.successor_id, Unset):
            successor_id = UNSET
        else:
            successor_id = self.successor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effective_on": effective_on,
                "kind": kind,
                "predecessor_ids": predecessor_ids,
                "statement": statement,
            }
        )
        if facilities is not UNSET:
            field_dict["facilities"] = facilities
        if successor_id is not UNSET:
            field_dict["successor_id"] = successor_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.split_facility import SplitFacility  # noqa: PLC0415

        d = dict(src_dict)
        effective_on = datetime.date.fromisoformat(d.pop("effective_on"))

        kind = FileSuccessionKind(d.pop("kind"))

        predecessor_ids = cast(list[str], d.pop("predecessor_ids"))

        statement = d.pop("statement")

        _facilities = d.pop("facilities", UNSET)
        facilities: list[SplitFacility] | Unset = UNSET
        if _facilities is not UNSET:
            facilities = []
            for facilities_item_data in _facilities:
                facilities_item = SplitFacility.from_dict(facilities_item_data)

                facilities.append(facilities_item)

        def _parse_successor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        successor_id = _parse_successor_id(d.pop("successor_id", UNSET))

        file_succession = cls(
            effective_on=effective_on,
            kind=kind,
            predecessor_ids=predecessor_ids,
            statement=statement,
            facilities=facilities,
            successor_id=successor_id,
        )

        file_succession.additional_properties = d
        return file_succession

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
