from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="ReportPublic")


@_attrs_define
class ReportPublic:
    """
    Attributes:
        amended_at (datetime.datetime | None):
        compliance_year (int):
        covered (bool):
        direct (str):
        entity_id (str):
        factor_set_id (str):
        indirect (str):
        late (bool):
        report_id (str):
        reported_emissions (int):
        sources (list[Source]):
        state (str):
        submitted_at (datetime.datetime):
        total (str):
    """

    amended_at: datetime.datetime | None
    compliance_year: int
    covered: bool
    direct: str
    entity_id: str
    factor_set_id: str
    indirect: str
    late: bool
    report_id: str
    reported_emissions: int
    sources: list[Source]
    state: str
    submitted_at: datetime.datetime
    total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amended_at: None | str
        if isinstance(self.amended_at, datetime.datetime):
            amended_at = self.amended_at.isoformat()
        else:
            amended_at = self.amended_at

        compliance_year = self.compliance_year

        covered = self.covered

        direct = self.direct

        entity_id = self.entity_id

        factor_set_id = self.factor_set_id

        indirect = self.indirect

        late = self.late

        report_id = self.report_id

        reported_emissions = self.reported_emissions

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        state = self.state

        submitted_at = self.submitted_at.isoformat()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amended_at": amended_at,
                "compliance_year": compliance_year,
                "covered": covered,
                "direct": direct,
                "entity_id": entity_id,
                "factor_set_id": factor_set_id,
                "indirect": indirect,
                "late": late,
                "report_id": report_id,
                "reported_emissions": reported_emissions,
                "sources": sources,
                "state": state,
                "submitted_at": submitted_at,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                amended_at_type_0 = datetime.datetime.fromisoformat(data)

                return amended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        amended_at = _parse_amended_at(d.pop("amended_at"))

        compliance_year = d.pop("compliance_year")

        covered = d.pop("covered")

        direct = d.pop("direct")

        entity_id = d.pop("entity_id")

        factor_set_id = d.pop("factor_set_id")

        indirect = d.pop("indirect")

        late = d.pop("late")

        report_id = d.pop("report_id")

        reported_emissions = d.pop("reported_emissions")

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = Source.from_dict(sources_item_data)

            sources.append(sources_item)

        state = d.pop("state")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        total = d.pop("total")

        report_public = cls(
            amended_at=amended_at,
            compliance_year=compliance_year,
            covered=covered,
            direct=direct,
            entity_id=entity_id,
            factor_set_id=factor_set_id,
            indirect=indirect,
            late=late,
            report_id=report_id,
            reported_emissions=reported_emissions,
            sources=sources,
            state=state,
            submitted_at=submitted_at,
            total=total,
        )

        report_public.additional_properties = d
        return report_public

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
