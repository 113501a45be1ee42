from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConfirmProposal")


@_attrs_define
class ConfirmProposal:
    """
    Attributes:
        exclude (list[str] | Unset): Entities the officer leaves out of this confirmation
    """

    exclude: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        exclude: list[str] | Unset = UNSET
        if not isinstance(self.exclude, Unset):
            exclude = self.exclude

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if exclude is not UNSET:
            field_dict["exclude"] = exclude

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        exclude = cast(list[str], d.pop("exclude", UNSET))

        confirm_proposal = cls(
            exclude=exclude,
        )

        return confirm_proposal
