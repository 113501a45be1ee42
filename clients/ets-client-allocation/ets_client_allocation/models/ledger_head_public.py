from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LedgerHeadPublic")


@_attrs_define
class LedgerHeadPublic:
    """
    Attributes:
        day (datetime.date):
        hash_ (str):
        published_at (datetime.datetime):
        seq (int):
    """

    day: datetime.date
    hash_: str
    published_at: datetime.datetime
    seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        hash_ = self.hash_

        published_at = self.published_at.isoformat()

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "hash": hash_,
                "published_at": published_at,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        hash_ = d.pop("hash")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        seq = d.pop("seq")

        ledger_head_public = cls(
            day=day,
            hash_=hash_,
            published_at=published_at,
            seq=seq,
        )

        ledger_head_public.additional_properties = d
        return ledger_head_public

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
