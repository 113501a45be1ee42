from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.monitored_source_in import MonitoredSourceIn
    from ..models.responsible_person_in import ResponsiblePersonIn


T = TypeVar("T", bound="FileMonitoringPlan")


@_attrs_define
class FileMonitoringPlan:
    """M-11 ¶1: a covered entity's monitoring plan for a year, due 31 December of the year before.

    Attributes:
        boundary (str):
        compliance_year (int): the year monitored
        responsible_staff (list[ResponsiblePersonIn]):
        sources (list[MonitoredSourceIn]):
    """

    boundary: str
    compliance_year: int
    responsible_staff: list[ResponsiblePersonIn]
    sources: list[MonitoredSourceIn]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        boundary = self.boundary

        compliance_year = self.compliance_year

        responsible_staff = []
        for responsible_staff_item_data in self.responsible_staff:
            responsible_staff_item = responsible_staff_item_data.to_dict()
            responsible_staff.append(responsible_staff_item)

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundary": boundary,
                "compliance_year": compliance_year,
                "responsible_staff": responsible_staff,
                "sources": sources,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.monitored_source_in import MonitoredSourceIn  # noqa: PLC0415
        from ..models.responsible_person_in import ResponsiblePersonIn  # noqa: PLC0415

        d = dict(src_dict)
        boundary = d.pop("boundary")

        compliance_year = d.pop("compliance_year")

        responsible_staff = []
        _responsible_staff = d.pop("responsible_staff")
        for responsible_staff_item_data in _responsible_staff:
            responsible_staff_item = ResponsiblePersonIn.from_dict(responsible_staff_item_data)

            responsible_staff.append(responsible_staff_item)

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = MonitoredSourceIn.from_dict(sources_item_data)

            sources.append(sources_item)

        file_monitoring_plan = cls(
            boundary=boundary,
            compliance_year=compliance_year,
            responsible_staff=responsible_staff,
            sources=sources,
        )

        file_monitoring_plan.additional_properties = d
        return file_monitoring_plan

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
