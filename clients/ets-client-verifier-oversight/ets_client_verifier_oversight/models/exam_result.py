from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExamResult")


@_attrs_define
class ExamResult:
    """
    Attributes:
        score (int):
        verifier_id (str):
    """

    score: int
    verifier_id: str

    def to_dict(self) -> dict[str, Any]:
        score = self.score

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "score": score,
                "verifier_id": verifier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        score = d.pop("score")

        verifier_id = d.pop("verifier_id")

        exam_result = cls(
            score=score,
            verifier_id=verifier_id,
        )

        return exam_result
