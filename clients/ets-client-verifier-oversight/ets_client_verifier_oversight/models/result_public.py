from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResultPublic")


@_attrs_define
class ResultPublic:
    """
    Attributes:
        agency_id (str):
        grade (str):
        name (str):
        rank (int):
        score (int):
    """

    agency_id: str
    grade: str
    name: str
    rank: int
    score: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        grade = self.grade

        name = self.name

        rank = self.rank

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "grade": grade,
                "name": name,
                "rank": rank,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        grade = d.pop("grade")

        name = d.pop("name")

        rank = d.pop("rank")

        score = d.pop("score")

        result_public = cls(
            agency_id=agency_id,
            grade=grade,
            name=name,
            rank=rank,
            score=score,
        )

        result_public.additional_properties = d
        return result_public

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
