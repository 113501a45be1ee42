from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgencyVersionPublic")


@_attrs_define
class AgencyVersionPublic:
    """
    Attributes:
        changed_at (datetime.datetime):
        changed_by (str):
        fields (list[str]):
        name (str):
        reason (str):
        status (str):
        version (int):
    """

    changed_at: datetime.datetime
    changed_by: str
    fields: list[str]
    name: str
    reason: str
    status: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed_at = self.changed_at.isoformat()

        changed_by = self.changed_by

        fields = self.fields

        name = self.name

        reason = self.reason

        status = self.status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed_at": changed_at,
                "changed_by": changed_by,
                "fields": fields,
                "name": name,
                "reason": reason,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        changed_by = d.pop("changed_by")

        fields = cast(list[str], d.pop("fields"))

        name = d.pop("name")

        reason = d.pop("reason")

        status = d.pop("status")

        version = d.pop("version")

        agency_version_public = cls(
            changed_at=changed_at,
            changed_by=changed_by,
            fields=fields,
            name=name,
            reason=reason,
            status=status,
            version=version,
        )

        agency_version_public.additional_properties = d
        return agency_version_public

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
