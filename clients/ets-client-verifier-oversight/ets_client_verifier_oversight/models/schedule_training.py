from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ScheduleTraining")


@_attrs_define
class ScheduleTraining:
    """
    Attributes:
        compliance_year (int): Compliance year whose reports are verified
        held_on (datetime.date): a date between 2000-01-01 and 2100-12-31
        title (str):
        training_id (str):
    """

    compliance_year: int
    held_on: datetime.date
    title: str
    training_id: str

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        held_on = self.held_on.isoformat()

        title = self.title

        training_id = self.training_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "compliance_year": compliance_year,
                "held_on": held_on,
                "title": title,
                "training_id": training_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))

        title = d.pop("title")

        training_id = d.pop("training_id")

        schedule_training = cls(
            compliance_year=compliance_year,
            held_on=held_on,
            title=title,
            training_id=training_id,
        )

        return schedule_training
