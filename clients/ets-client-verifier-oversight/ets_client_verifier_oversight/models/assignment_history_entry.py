from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AssignmentHistoryEntry")


@_attrs_define
class AssignmentHistoryEntry:
    """
    Attributes:
        agency_id (str):
        assigned_at (datetime.datetime):
        assigned_by (str):
        proposal_id (None | str):
        reason (str):
        revision (int):
    """

    agency_id: str
    assigned_at: datetime.datetime
    assigned_by: str
    proposal_id: None | str
    reason: str
    revision: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        assigned_at = self.assigned_at.isoformat()

        assigned_by = self.assigned_by

        proposal_id: None | str
        proposal_id = self.proposal_id

        reason = self.reason

        revision = self.revision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "assigned_at": assigned_at,
                "assigned_by": assigned_by,
                "proposal_id": proposal_id,
                "reason": reason,
                "revision": revision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        assigned_at = datetime.datetime.fromisoformat(d.pop("assigned_at"))

        assigned_by = d.pop("assigned_by")

        def _parse_proposal_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        proposal_id = _parse_proposal_id(d.pop("proposal_id"))

        reason = d.pop("reason")

        revision = d.pop("revision")

        assignment_history_entry = cls(
            agency_id=agency_id,
            assigned_at=assigned_at,
            assigned_by=assigned_by,
            proposal_id=proposal_id,
            reason=reason,
            revision=revision,
        )

        assignment_history_entry.additional_properties = d
        return assignment_history_entry

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
