from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgencyPublic")


@_attrs_define
class AgencyPublic:
    """
    Attributes:
        agency_id (str):
        credit_code (str):
        fields (list[str]):
        filed_at (datetime.datetime):
        name (str):
        status (str):
        version (int):
    """

    agency_id: str
    credit_code: str
    fields: list[str]
    filed_at: datetime.datetime
    name: str
    status: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        credit_code = self.credit_code

        fields = self.fields

        filed_at = self.filed_at.isoformat()

        name = self.name

        status = self.status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "credit_code": credit_code,
                "fields": fields,
                "filed_at": filed_at,
                "name": name,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        credit_code = d.pop("credit_code")

        fields = cast(list[str], d.pop("fields"))

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        name = d.pop("name")

        status = d.pop("status")

        version = d.pop("version")

        agency_public = cls(
            agency_id=agency_id,
            credit_code=credit_code,
            fields=fields,
            filed_at=filed_at,
            name=name,
            status=status,
            version=version,
        )

        agency_public.additional_properties = d
        return agency_public

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
