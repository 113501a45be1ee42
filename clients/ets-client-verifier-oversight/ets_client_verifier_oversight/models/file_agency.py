from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="FileAgency")


@_attrs_define
class FileAgency:
    """M-14: file (备案) an agency into the public directory, with the sectors it is competent to verify.

    Attributes:
        agency_id (str):
        credit_code (str): Unified social credit code (18 digits/capital letters)
        fields (list[str]): Sectors of competence, e.g. industry
        name (str):
    """

    agency_id: str
    credit_code: str
    fields: list[str]
    name: str

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        credit_code = self.credit_code

        fields = self.fields

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agency_id": agency_id,
                "credit_code": credit_code,
                "fields": fields,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        credit_code = d.pop("credit_code")

        fields = cast(list[str], d.pop("fields"))

        name = d.pop("name")

        file_agency = cls(
            agency_id=agency_id,
            credit_code=credit_code,
            fields=fields,
            name=name,
        )

        return file_agency
