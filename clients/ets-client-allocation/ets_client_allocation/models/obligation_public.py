from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ObligationPublic")


@_attrs_define
class ObligationPublic:
    """
    Attributes:
        compliance_year (int):
        determination_id (str):
        determination_revision (int):
        determined_emissions (int):
        entity_id (str):
        inherited (int):
        remaining (int):
        settled_at (datetime.datetime | None):
        shortfall_at (datetime.datetime):
        shortfall_detected_at (datetime.datetime | None):
        status (str):
        surrender_until (datetime.date):
        surrendered (int):
        surrendered_ccer (int):
        surrendered_shea (int):
    """

    compliance_year: int
    determination_id: str
    determination_revision: int
    determined_emissions: int
    entity_id: str
    inherited: int
    remaining: int
    settled_at: datetime.datetime | None
    shortfall_at: datetime.datetime
    shortfall_detected_at: datetime.datetime | None
    status: str
    surrender_until: datetime.date
    surrendered: int
    surrendered_ccer: int
    surrendered_shea: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        determination_id = self.determination_id

        determination_revision = self.determination_revision

        determined_emissions = self.determined_emissions

        entity_id = self.entity_id

        inherited = self.inherited

        remaining = self.remaining

        settled_at: None | str
        if isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        shortfall_at = self.shortfall_at.isoformat()

        shortfall_detected_at: None | str
        if isinstance(self.shortfall_detected_at, datetime.datetime):
            shortfall_detected_at = self.shortfall_detected_at.isoformat()
        else:
            shortfall_detected_at = self.shortfall_detected_at

        status = self.status

        surrender_until = self.surrender_until.isoformat()

        surrendered = self.surrendered

        surrendered_ccer = self.surrendered_ccer

        surrendered_shea = self.surrendered_shea

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "determination_id": determination_id,
                "determination_revision": determination_revision,
                "determined_emissions": determined_emissions,
                "entity_id": entity_id,
                "inherited": inherited,
                "remaining": remaining,
                "settled_at": settled_at,
                "shortfall_at": shortfall_at,
                "shortfall_detected_at": shortfall_detected_at,
                "status": status,
                "surrender_until": surrender_until,
                "surrendered": surrendered,
                "surrendered_ccer": surrendered_ccer,
                "surrendered_shea": surrendered_shea,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        determination_id = d.pop("determination_id")

        determination_revision = d.pop("determination_revision")

        determined_emissions = d.pop("determined_emissions")

        entity_id = d.pop("entity_id")

        inherited = d.pop("inherited")

        remaining = d.pop("remaining")

        def _parse_settled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_at_type_0 = datetime.datetime.fromisoformat(data)

                return settled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        settled_at = _parse_settled_at(d.pop("settled_at"))

        shortfall_at = datetime.datetime.fromisoformat(d.pop("shortfall_at"))

        def _parse_shortfall_detected_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shortfall_detected_at_type_0 = datetime.datetime.fromisoformat(data)

                return shortfall_detected_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        shortfall_detected_at = _parse_shortfall_detected_at(d.pop("shortfall_detected_at"))

        status = d.pop("status")

        surrender_until = datetime.date.fromisoformat(d.pop("surrender_until"))

        surrendered = d.pop("surrendered")

        surrendered_ccer = d.pop("surrendered_ccer")

        surrendered_shea = d.pop("surrendered_shea")

        obligation_public = cls(
            compliance_year=compliance_year,
            determination_id=determination_id,
            determination_revision=determination_revision,
            determined_emissions=determined_emissions,
            entity_id=entity_id,
            inherited=inherited,
            remaining=remaining,
            settled_at=settled_at,
            shortfall_at=shortfall_at,
            shortfall_detected_at=shortfall_detected_at,
            status=status,
            surrender_until=surrender_until,
            surrendered=surrendered,
            surrendered_ccer=surrendered_ccer,
            surrendered_shea=surrendered_shea,
        )

        obligation_public.additional_properties = d
        return obligation_public

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
