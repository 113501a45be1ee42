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
        annual_emissions (int | None):
        application_id (str):
        compliance_year (int):
        decided_at (datetime.datetime | None):
        decided_by (None | str):
        decision_reason (None | str):
        entity_id (str):
        filed_at (datetime.datetime):
        name (str):
        sector (str):
        statement (str):
        status (str):
    """

    annual_emissions: int | None
    application_id: str
    compliance_year: int
    decided_at: datetime.datetime | None
    decided_by: None | str
    decision_reason: None | str
    entity_id: str
    filed_at: datetime.datetime
    name: str
    sector: str
    statement: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annual_emissions: int | None
        annual_emissions = self.annual_emissions

        application_id = self.application_id

        compliance_year = self.compliance_year

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        decided_by = self.decided_by

        decision_reason: None | str
        decision_reason = self.decision_reason

        entity_id = self.entity_id

        filed_at = self.filed_at.isoformat()

        name = self.name

        sector = self.sector

        statement = self.statement

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annual_emissions": annual_emissions,
                "application_id": application_id,
                "compliance_year": compliance_year,
                "decided_at": decided_at,
                "decided_by": decided_by,
                "decision_reason": decision_reason,
                "entity_id": entity_id,
                "filed_at": filed_at,
                "name": name,
                "sector": sector,
                "statement": statement,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_annual_emissions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        annual_emissions = _parse_annual_emissions(d.pop("annual_emissions"))

        application_id = d.pop("application_id")

        compliance_year = d.pop("compliance_year")

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

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        entity_id = d.pop("entity_id")

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        name = d.pop("name")

        sector = d.pop("sector")

        statement = d.pop("statement")

        status = d.pop("status")

        application_public = cls(
            annual_emissions=annual_emissions,
            application_id=application_id,
            compliance_year=compliance_year,
            decided_at=decided_at,
            decided_by=decided_by,
            decision_reason=decision_reason,
            entity_id=entity_id,
            filed_at=filed_at,
            name=name,
            sector=sector,
            statement=statement,
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
