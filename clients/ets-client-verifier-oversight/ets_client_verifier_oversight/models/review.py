from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.review_outcome import ReviewOutcome

T = TypeVar("T", bound="Review")


@_attrs_define
class Review:
    """
    Attributes:
        outcome (ReviewOutcome):
        reason (str):
    """

    outcome: ReviewOutcome
    reason: str

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = ReviewOutcome(d.pop("outcome"))

        reason = d.pop("reason")

        review = cls(
            outcome=outcome,
            reason=reason,
        )

        return review
