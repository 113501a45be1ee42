from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.apply_measures_measures_item import ApplyMeasuresMeasuresItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplyMeasures")


@_attrs_define
class ApplyMeasures:
    """M-40 measures for an M-37, M-38 or M-39 case (violations of M-12, M-13 ¶2, M-16). The credit record always
    comes with the departments' notice and its publication (M-40(1)).

        Attributes:
            measures (list[ApplyMeasuresMeasuresItem]):
            reasons (str):
            published (bool | Unset): M-40(1) publishes the credit record on the government website or media: not optional
                (the article bundles it) Default: True.
    """

    measures: list[ApplyMeasuresMeasuresItem]
    reasons: str
    published: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        measures = []
        for measures_item_data in self.measures:
            measures_item = measures_item_data.value
            measures.append(measures_item)

        reasons = self.reasons

        published = self.published

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "measures": measures,
                "reasons": reasons,
            }
        )
        if published is not UNSET:
            field_dict["published"] = published

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        measures = []
        _measures = d.pop("measures")
        for measures_item_data in _measures:
            measures_item = ApplyMeasuresMeasuresItem(measures_item_data)

            measures.append(measures_item)

        reasons = d.pop("reasons")

        published = d.pop("published", UNSET)

        apply_measures = cls(
            measures=measures,
            reasons=reasons,
            published=published,
        )

        apply_measures.additional_properties = d
        return apply_measures

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
