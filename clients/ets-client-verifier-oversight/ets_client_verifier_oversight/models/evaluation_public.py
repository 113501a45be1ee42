from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deduction_public import DeductionPublic
    from ..models.item_total import ItemTotal


T = TypeVar("T", bound="EvaluationPublic")


@_attrs_define
class EvaluationPublic:
    """
    Attributes:
        agency_id (str):
        compliance_year (int):
        deductions (list[DeductionPublic]):
        final_score (int | None):
        finalised_at (datetime.datetime | None):
        grade (None | str):
        items (list[ItemTotal]):
        rank (int | None):
        score (int):
        table_version (int):
    """

    agency_id: str
    compliance_year: int
    deductions: list[DeductionPublic]
    final_score: int | None
    finalised_at: datetime.datetime | None
    grade: None | str
    items: list[ItemTotal]
    rank: int | None
    score: int
    table_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        compliance_year = self.compliance_year

        deductions = []
        for deductions_item_data in self.deductions:
            deductions_item = deductions_item_data.to_dict()
            deductions.append(deductions_item)

        final_score: int | None
        final_score = self.final_score

        finalised_at: None | str
        if isinstance(self.finalised_at, datetime.datetime):
            finalised_at = self.finalised_at.isoformat()
        else:
            finalised_at = self.finalised_at

        grade: None | str
        grade = self.grade

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        rank: int | None
        rank = self.rank

        score = self.score

        table_version = self.table_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "compliance_year": compliance_year,
                "deductions": deductions,
                "final_score": final_score,
                "finalised_at": finalised_at,
                "grade": grade,
                "items": items,
                "rank": rank,
                "score": score,
                "table_version": table_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deduction_public import DeductionPublic  # noqa: PLC0415
        from ..models.item_total import ItemTotal  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        compliance_year = d.pop("compliance_year")

        deductions = []
        _deductions = d.pop("deductions")
        for deductions_item_data in _deductions:
            deductions_item = DeductionPublic.from_dict(deductions_item_data)

            deductions.append(deductions_item)

        def _parse_final_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        final_score = _parse_final_score(d.pop("final_score"))

        def _parse_finalised_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalised_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalised_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalised_at = _parse_finalised_at(d.pop("finalised_at"))

        def _parse_grade(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        grade = _parse_grade(d.pop("grade"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ItemTotal.from_dict(items_item_data)

            items.append(items_item)

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        score = d.pop("score")

        table_version = d.pop("table_version")

        evaluation_public = cls(
            agency_id=agency_id,
            compliance_year=compliance_year,
            deductions=deductions,
            final_score=final_score,
            finalised_at=finalised_at,
            grade=grade,
            items=items,
            rank=rank,
            score=score,
            table_version=table_version,
        )

        evaluation_public.additional_properties = d
        return evaluation_public

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
