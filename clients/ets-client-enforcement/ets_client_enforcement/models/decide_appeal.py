from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decide_appeal_outcome import DecideAppealOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="DecideAppeal")


@_attrs_define
class DecideAppeal:
    """
    Attributes:
        outcome (DecideAppealOutcome):
        reasons (str):
        amount (int | None | str | Unset): fine_reduced: the new, lower amount
    """

    outcome: DecideAppealOutcome
    reasons: str
    amount: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reasons = self.reasons

        amount: int | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "reasons": reasons,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = DecideAppealOutcome(d.pop("outcome"))

        reasons = d.pop("reasons")

        def _parse_amount(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        decide_appeal = cls(
            outcome=outcome,
            reasons=reasons,
            amount=amount,
        )

        decide_appeal.additional_properties = d
        return decide_appeal

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
