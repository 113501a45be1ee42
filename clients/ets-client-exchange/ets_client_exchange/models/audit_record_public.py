from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuditRecordPublic")


@_attrs_define
class AuditRecordPublic:
    """
    Attributes:
        action (str):
        actor (str):
        at (datetime.datetime):
        correlation_id (str):
        detail (Any):
        id (int):
        subject_ref (str):
    """

    action: str
    actor: str
    at: datetime.datetime
    correlation_id: str
    detail: Any
    id: int
    subject_ref: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        at = self.at.isoformat()

        correlation_id = self.correlation_id

        detail = self.detail

        id = self.id

        subject_ref = self.subject_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "correlation_id": correlation_id,
                "detail": detail,
                "id": id,
                "subject_ref": subject_ref,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        correlation_id = d.pop("correlation_id")

        detail = d.pop("detail")

        id = d.pop("id")

        subject_ref = d.pop("subject_ref")

        audit_record_public = cls(
            action=action,
            actor=actor,
            at=at,
            correlation_id=correlation_id,
            detail=detail,
            id=id,
            subject_ref=subject_ref,
        )

        audit_record_public.additional_properties = d
        return audit_record_public

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
