from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RegisterVerifier")


@_attrs_define
class RegisterVerifier:
    """
    Attributes:
        name (str):
        verifier_id (str):
    """

    name: str
    verifier_id: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        verifier_id = self.verifier_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "verifier_id": verifier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        verifier_id = d.pop("verifier_id")

        register_verifier = cls(
            name=name,
            verifier_id=verifier_id,
        )

        return register_verifier
