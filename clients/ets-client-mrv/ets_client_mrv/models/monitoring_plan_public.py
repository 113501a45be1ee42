from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_version_public import PlanVersionPublic


T = TypeVar("T", bound="MonitoringPlanPublic")


@_attrs_define
class MonitoringPlanPublic:
    """M-11: an entity's monitoring plan for a year with every version (the current one last).

    Attributes:
        compliance_year (int):
        entity_id (str):
        late (bool):
        missing_at (datetime.datetime | None):
        plan_id (str):
        versions (list[PlanVersionPublic]):
    """

    compliance_year: int
    entity_id: str
    late: bool
    missing_at: datetime.datetime | None
    plan_id: str
    versions: list[PlanVersionPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        entity_id = self.entity_id

        late = self.late

        missing_at: None | str
        if isinstance(self.missing_at, datetime.datetime):
            missing_at = self.missing_at.isoformat()
        else:
            missing_at = self.missing_at

        plan_id = self.plan_id

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "entity_id": entity_id,
                "late": late,
                "missing_at": missing_at,
                "plan_id": plan_id,
                "versions": versions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_version_public import PlanVersionPublic  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        entity_id = d.pop("entity_id")

        late = d.pop("late")

        def _parse_missing_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                missing_at_type_0 = datetime.datetime.fromisoformat(data)

                return missing_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        missing_at = _parse_missing_at(d.pop("missing_at"))

        plan_id = d.pop("plan_id")

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = PlanVersionPublic.from_dict(versions_item_data)

            versions.append(versions_item)

        monitoring_plan_public = cls(
            compliance_year=compliance_year,
            entity_id=entity_id,
            late=late,
            missing_at=missing_at,
            plan_id=plan_id,
            versions=versions,
        )

        monitoring_plan_public.additional_properties = d
        return monitoring_plan_public

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
