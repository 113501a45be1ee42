from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decide_objection_outcome import DecideObjectionOutcome

T = TypeVar("T", bound="DecideObjection")


@_attrs_define
class DecideObjection:
    """
    Attributes:
        outcome (DecideObjectionOutcome):
        reasons (str):
    """

    outcome: DecideObjectionOutcome
    reasons: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = DecideObjectionOutcome(d.pop("outcome"))

        reasons = d.pop("reasons")

        decide_objection = cls(
            outcome=outcome,
            reasons=reasons,
        )

        decide_objection.additional_properties = d
        return decide_objection

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
