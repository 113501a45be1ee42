from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rules_version_public_document import RulesVersionPublicDocument


T = TypeVar("T", bound="RulesVersionPublic")


@_attrs_define
class RulesVersionPublic:
    """
    Attributes:
        changed (list[str]):
        document (RulesVersionPublicDocument):
        filed_at (datetime.datetime):
        filed_by (str):
        reason (str):
        version (int):
        year (int):
    """

    changed: list[str]
    document: RulesVersionPublicDocument
    filed_at: datetime.datetime
    filed_by: str
    reason: str
    version: int
    year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed = self.changed

        document = self.document.to_dict()

        filed_at = self.filed_at.isoformat()

        filed_by = self.filed_by

        reason = self.reason

        version = self.version

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed": changed,
                "document": document,
                "filed_at": filed_at,
                "filed_by": filed_by,
                "reason": reason,
                "version": version,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules_version_public_document import RulesVersionPublicDocument  # noqa: PLC0415

        d = dict(src_dict)
        changed = cast(list[str], d.pop("changed"))

        document = RulesVersionPublicDocument.from_dict(d.pop("document"))

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        filed_by = d.pop("filed_by")

        reason = d.pop("reason")

        version = d.pop("version")

        year = d.pop("year")

        rules_version_public = cls(
            changed=changed,
            document=document,
            filed_at=filed_at,
            filed_by=filed_by,
            reason=reason,
            version=version,
            year=year,
        )

        rules_version_public.additional_properties = d
        return rules_version_public

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
