from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LogEntryPublic")


@_attrs_define
class LogEntryPublic:
    """
    Attributes:
        actor (str):
        at (datetime.datetime):
        case_id (None | str):
        correlation_id (str):
        detail (str):
        hash_ (str):
        kind (str):
        prev_hash (str):
        recorded_at (datetime.datetime):
        ref (int | None):
        seq (int):
        subject_ref (str):
    """

    actor: str
    at: datetime.datetime
    case_id: None | str
    correlation_id: str
    detail: str
    hash_: str
    kind: str
    prev_hash: str
    recorded_at: datetime.datetime
    ref: int | None
    seq: int
    subject_ref: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        at = self.at.isoformat()

        case_id: None | str
        case_id = self.case_id

        correlation_id = self.correlation_id

        detail = self.detail

        hash_ = self.hash_

        kind = self.kind

        prev_hash = self.prev_hash

        recorded_at = self.recorded_at.isoformat()

        ref: int | None
        ref = self.ref

        seq = self.seq

        subject_ref = self.subject_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "at": at,
                "case_id": case_id,
                "correlation_id": correlation_id,
                "detail": detail,
                "hash": hash_,
                "kind": kind,
                "prev_hash": prev_hash,
                "recorded_at": recorded_at,
                "ref": ref,
                "seq": seq,
                "subject_ref": subject_ref,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))

        correlation_id = d.pop("correlation_id")

        detail = d.pop("detail")

        hash_ = d.pop("hash")

        kind = d.pop("kind")

        prev_hash = d.pop("prev_hash")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_ref(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ref = _parse_ref(d.pop("ref"))

        seq = d.pop("seq")

        subject_ref = d.pop("subject_ref")

        log_entry_public = cls(
            actor=actor,
            at=at,
            case_id=case_id,
            correlation_id=correlation_id,
            detail=detail,
            hash_=hash_,
            kind=kind,
            prev_hash=prev_hash,
            recorded_at=recorded_at,
            ref=ref,
            seq=seq,
            subject_ref=subject_ref,
        )

        log_entry_public.additional_properties = d
        return log_entry_public

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
