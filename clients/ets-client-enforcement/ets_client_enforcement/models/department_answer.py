from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.case_behind import CaseBehind


T = TypeVar("T", bound="DepartmentAnswer")


@_attrs_define
class DepartmentAnswer:
    """
    Attributes:
        answer (bool):
        because (list[CaseBehind]): The measures (and cases) that decide a 'no'; empty for 'yes'
        entity_id (str):
        question (str):
        on (datetime.date | None | Unset):
        year (int | None | Unset):
    """

    answer: bool
    because: list[CaseBehind]
    entity_id: str
    question: str
    on: datetime.date | None | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        because = []
        for because_item_data in self.because:
            because_item = because_item_data.to_dict()
            because.append(because_item)

        entity_id = self.entity_id

        question = self.question

        on: None | str | Unset
        if isinstance(self.on, Unset):
            on = UNSET
        elif isinstance(self.on, datetime.date):
            on = self.on.isoformat()
        else:
            on = self.on

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "because": because,
                "entity_id": entity_id,
                "question": question,
            }
        )
        if on is not UNSET:
            field_dict["on"] = on
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_behind import CaseBehind  # noqa: PLC0415

        d = dict(src_dict)
        answer = d.pop("answer")

        because = []
        _because = d.pop("because")
        for because_item_data in _because:
            because_item = CaseBehind.from_dict(because_item_data)

            because.append(because_item)

        entity_id = d.pop("entity_id")

        question = d.pop("question")

        def _parse_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                on_type_0 = datetime.date.fromisoformat(data)

                return on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        on = _parse_on(d.pop("on", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        department_answer = cls(
            answer=answer,
            because=because,
            entity_id=entity_id,
            question=question,
            on=on,
            year=year,
        )

        department_answer.additional_properties = d
        return department_answer

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
