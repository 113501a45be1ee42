from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.training_public_results import TrainingPublicResults


T = TypeVar("T", bound="TrainingPublic")


@_attrs_define
class TrainingPublic:
    """
    Attributes:
        attendees (list[str]):
        compliance_year (int):
        held_on (datetime.date):
        results (TrainingPublicResults):
        title (str):
        training_id (str):
    """

    attendees: list[str]
    compliance_year: int
    held_on: datetime.date
    results: TrainingPublicResults
    title: str
    training_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attendees = self.attendees

        compliance_year = self.compliance_year

        held_on = self.held_on.isoformat()

        results = self.results.to_dict()

        title = self.title

        training_id = self.training_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendees": attendees,
                "compliance_year": compliance_year,
                "held_on": held_on,
                "results": results,
                "title": title,
                "training_id": training_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.training_public_results import TrainingPublicResults  # noqa: PLC0415

        d = dict(src_dict)
        attendees = cast(list[str], d.pop("attendees"))

        compliance_year = d.pop("compliance_year")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))

        results = TrainingPublicResults.from_dict(d.pop("results"))

        title = d.pop("title")

        training_id = d.pop("training_id")

        training_public = cls(
            attendees=attendees,
            compliance_year=compliance_year,
            held_on=held_on,
            results=results,
            title=title,
            training_id=training_id,
        )

        training_public.additional_properties = d
        return training_public

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
