from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ScoreBid")


@_attrs_define
class ScoreBid:
    """
    Attributes:
        reason (str):
        score (int | str): 0..100, decimal string
    """

    reason: str
    score: int | str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        score: int | str
        score = self.score

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_score(data: object) -> int | str:
            return cast(int | str, data)

        score = _parse_score(d.pop("score"))

        score_bid = cls(
            reason=reason,
            score=score,
        )

        return score_bid
