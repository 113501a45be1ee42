from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.targeted_public import TargetedPublic


T = TypeVar("T", bound="DrawDetail")


@_attrs_define
class DrawDetail:
    """
    Attributes:
        agency_id (str):
        compliance_year (int):
        draw_id (str):
        drawn_at (datetime.datetime):
        population (list[str]):
        population_size (int):
        random (list[str]):
        random_minimum (int):
        random_ratio (str):
        reproduced (bool):
        seed (int):
        selected (list[str]):
        targeted (list[TargetedPublic]):
    """

    agency_id: str
    compliance_year: int
    draw_id: str
    drawn_at: datetime.datetime
    population: list[str]
    population_size: int
    random: list[str]
    random_minimum: int
    random_ratio: str
    reproduced: bool
    seed: int
    selected: list[str]
    targeted: list[TargetedPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        compliance_year = self.compliance_year

        draw_id = self.draw_id

        drawn_at = self.drawn_at.isoformat()

        population = self.population

        population_size = self.population_size

        random = self.random

        random_minimum = self.random_minimum

        random_ratio = self.random_ratio

        reproduced = self.reproduced

        seed = self.seed

        selected = self.selected

        targeted = []
        for targeted_item_data in self.targeted:
            targeted_item = targeted_item_data.to_dict()
            targeted.append(targeted_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "compliance_year": compliance_year,
                "draw_id": draw_id,
                "drawn_at": drawn_at,
                "population": population,
                "population_size": population_size,
                "random": random,
                "random_minimum": random_minimum,
                "random_ratio": random_ratio,
                "reproduced": reproduced,
                "seed": seed,
                "selected": selected,
                "targeted": targeted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.targeted_public import TargetedPublic  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        compliance_year = d.pop("compliance_year")

        draw_id = d.pop("draw_id")

        drawn_at = datetime.datetime.fromisoformat(d.pop("drawn_at"))

        population = cast(list[str], d.pop("population"))

        population_size = d.pop("population_size")

        random = cast(list[str], d.pop("random"))

        random_minimum = d.pop("random_minimum")

        random_ratio = d.pop("random_ratio")

        reproduced = d.pop("reproduced")

        seed = d.pop("seed")

        selected = cast(list[str], d.pop("selected"))

        targeted = []
        _targeted = d.pop("targeted")
        for targeted_item_data in _targeted:
            targeted_item = TargetedPublic.from_dict(targeted_item_data)

            targeted.append(targeted_item)

        draw_detail = cls(
            agency_id=agency_id,
            compliance_year=compliance_year,
            draw_id=draw_id,
            drawn_at=drawn_at,
            population=population,
            population_size=population_size,
            random=random,
            random_minimum=random_minimum,
            random_ratio=random_ratio,
            reproduced=reproduced,
            seed=seed,
            selected=selected,
            targeted=targeted,
        )

        draw_detail.additional_properties = d
        return draw_detail

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
