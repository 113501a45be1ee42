from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StepPublic")


@_attrs_define
class StepPublic:
    """
    Attributes:
        actor (str):
        at (datetime.datetime):
        detail (str):
        kind (str):
        ref (int | None):
    """

    actor: str
    at: datetime.datetime
    detail: str
    kind: str
    ref: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        at = self.at.isoformat()

        detail = self.detail

        kind = self.kind

        ref: int | None
        ref = self.ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "at": at,
                "detail": detail,
                "kind": kind,
                "ref": ref,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        detail = d.pop("detail")

        kind = d.pop("kind")

        def _parse_ref(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ref = _parse_ref(d.pop("ref"))

        step_public = cls(
            actor=actor,
            at=at,
            detail=detail,
            kind=kind,
            ref=ref,
        )

        step_public.additional_properties = d
        return step_public

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
