from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="FindingIn")


@_attrs_define
class FindingIn:
    """
    Attributes:
        code (str): A FINDING item of the year's scoring table
        description (str):
        evidence (list[str]):
    """

    code: str
    description: str
    evidence: list[str]

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        evidence = self.evidence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "description": description,
                "evidence": evidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        description = d.pop("description")

        evidence = cast(list[str], d.pop("evidence"))

        finding_in = cls(
            code=code,
            description=description,
            evidence=evidence,
        )

        return finding_in
