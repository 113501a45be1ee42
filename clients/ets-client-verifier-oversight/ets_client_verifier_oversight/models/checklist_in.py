from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.checklist_in_result import ChecklistInResult
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChecklistIn")


@_attrs_define
class ChecklistIn:
    """
    Attributes:
        item (str):
        result (ChecklistInResult):
        note (str | Unset):  Default: ''.
    """

    item: str
    result: ChecklistInResult
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        item = self.item

        result = self.result.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item": item,
                "result": result,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = d.pop("item")

        result = ChecklistInResult(d.pop("result"))

        note = d.pop("note", UNSET)

        checklist_in = cls(
            item=item,
            result=result,
            note=note,
        )

        return checklist_in
