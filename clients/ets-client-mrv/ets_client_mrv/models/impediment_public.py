from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImpedimentPublic")


@_attrs_define
class ImpedimentPublic:
    """
    Attributes:
        agency_id (str):
        article (str):
        compliance_year (int):
        description (str):
        entity_id (str):
        evidence (list[str]):
        impediment_id (str):
        kind (str):
        occurred_on (datetime.date):
        recorded_at (datetime.datetime):
        recorded_by (str):
        report_id (str):
    """

    agency_id: str
    article: str
    compliance_year: int
    description: str
    entity_id: str
    evidence: list[str]
    impediment_id: str
    kind: str
    occurred_on: datetime.date
    recorded_at: datetime.datetime
    recorded_by: str
    report_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        article = self.article

        compliance_year = self.compliance_year

        description = self.description

        entity_id = self.entity_id

        evidence = self.evidence

        impediment_id = self.impediment_id

        kind = self.kind

        occurred_on = self.occurred_on.isoformat()

        recorded_at = self.recorded_at.isoformat()

        recorded_by = self.recorded_by

        report_id = self.report_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "article": article,
                "compliance_year": compliance_year,
                "description": description,
                "entity_id": entity_id,
                "evidence": evidence,
                "impediment_id": impediment_id,
                "kind": kind,
                "occurred_on": occurred_on,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
                "report_id": report_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        article = d.pop("article")

        compliance_year = d.pop("compliance_year")

        description = d.pop("description")

        entity_id = d.pop("entity_id")

        evidence = cast(list[str], d.pop("evidence"))

        impediment_id = d.pop("impediment_id")

        kind = d.pop("kind")

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        recorded_by = d.pop("recorded_by")

        report_id = d.pop("report_id")

        impediment_public = cls(
            agency_id=agency_id,
            article=article,
            compliance_year=compliance_year,
            description=description,
            entity_id=entity_id,
            evidence=evidence,
            impediment_id=impediment_id,
            kind=kind,
            occurred_on=occurred_on,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
            report_id=report_id,
        )

        impediment_public.additional_properties = d
        return impediment_public

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
