from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApplicationPublic")


@_attrs_define
class ApplicationPublic:
    """
    Attributes:
        application_id (str):
        applied_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        member_id (str):
        status (str):
    """

    application_id: str
    applied_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_reason: None | str
    member_id: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        application_id = self.application_id

        applied_at = self.applied_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason: None | str
        decision_reason = self.decision_reason

        member_id = self.member_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "application_id": application_id,
                "applied_at": applied_at,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "member_id": member_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        application_id = d.pop("application_id")

        applied_at = datetime.datetime.fromisoformat(d.pop("applied_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        member_id = d.pop("member_id")

        status = d.pop("status")

        application_public = cls(
            application_id=application_id,
            applied_at=applied_at,
            decided_at=decided_at,
            decision_reason=decision_reason,
            member_id=member_id,
            status=status,
        )

        application_public.additional_properties = d
        return application_public

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
