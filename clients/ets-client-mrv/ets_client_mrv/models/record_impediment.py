from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_impediment_kind import RecordImpedimentKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordImpediment")


@_attrs_define
class RecordImpediment:
    """M-13 ¶2 / M-38: what the entity did to the verification, recorded by the assigned agency (its verifier names
    the agency).

        Attributes:
            description (str):
            evidence (list[str]):
            kind (RecordImpedimentKind):
            occurred_on (datetime.date): a date between 2000-01-01 and 2100-12-31
            agency_id (None | str | Unset): A verifier names the agency it works for
    """

    description: str
    evidence: list[str]
    kind: RecordImpedimentKind
    occurred_on: datetime.date
    agency_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        evidence = self.evidence

        kind = self.kind.value

        occurred_on = self.occurred_on.isoformat()

        agency_id: None | str | Unset
        if isinstance(self.agency_id, Unset):
            agency_id = UNSET
        else:
            agency_id = self.agency_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "evidence": evidence,
                "kind": kind,
                "occurred_on": occurred_on,
            }
        )
        if agency_id is not UNSET:
            field_dict["agency_id"] = agency_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        evidence = cast(list[str], d.pop("evidence"))

        kind = RecordImpedimentKind(d.pop("kind"))

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        def _parse_agency_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agency_id = _parse_agency_id(d.pop("agency_id", UNSET))

        record_impediment = cls(
            description=description,
            evidence=evidence,
            kind=kind,
            occurred_on=occurred_on,
            agency_id=agency_id,
        )

        record_impediment.additional_properties = d
        return record_impediment

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
