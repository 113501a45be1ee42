from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.enforcement_policy_model_four_eyes_additional_property_item import (
    EnforcementPolicyModelFourEyesAdditionalPropertyItem,
)

T = TypeVar("T", bound="EnforcementPolicyModelFourEyes")


@_attrs_define
class EnforcementPolicyModelFourEyes:
    """Per article, the decisions a second officer must approve (M-43); an article left out keeps the default (all four)"""

    additional_properties: dict[str, list[EnforcementPolicyModelFourEyesAdditionalPropertyItem]] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = []
            for additional_property_item_data in prop:
                additional_property_item = additional_property_item_data.value
                field_dict[prop_name].append(additional_property_item)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enforcement_policy_model_four_eyes = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = []
            _additional_property = prop_dict
            for additional_property_item_data in _additional_property:
                additional_property_item = EnforcementPolicyModelFourEyesAdditionalPropertyItem(
                    additional_property_item_data
                )

                additional_property.append(additional_property_item)

            additional_properties[prop_name] = additional_property

        enforcement_policy_model_four_eyes.additional_properties = additional_properties
        return enforcement_policy_model_four_eyes

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[EnforcementPolicyModelFourEyesAdditionalPropertyItem]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[EnforcementPolicyModelFourEyesAdditionalPropertyItem]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
