from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_source_public import PlanSourcePublic
    from ..models.responsible_person_public import ResponsiblePersonPublic


T = TypeVar("T", bound="PlanVersionPublic")


@_attrs_define
class PlanVersionPublic:
    """
    Attributes:
        boundary (str):
        change_reason (None | str):
        filed_at (datetime.datetime):
        major_change (bool):
        responsible_staff (list[ResponsiblePersonPublic]):
        sources (list[PlanSourcePublic]):
        version (int):
    """

    boundary: str
    change_reason: None | str
    filed_at: datetime.datetime
    major_change: bool
    responsible_staff: list[ResponsiblePersonPublic]
    sources: list[PlanSourcePublic]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        boundary = self.boundary

        change_reason: None | str
        change_reason = self.change_reason

        filed_at = self.filed_at.isoformat()

        major_change = self.major_change

        responsible_staff = []
        for responsible_staff_item_data in self.responsible_staff:
            responsible_staff_item = responsible_staff_item_data.to_dict()
            responsible_staff.append(responsible_staff_item)

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundary": boundary,
                "change_reason": change_reason,
                "filed_at": filed_at,
                "major_change": major_change,
                "responsible_staff": responsible_staff,
                "sources": sources,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_source_public import PlanSourcePublic  # noqa: PLC0415
        from ..models.responsible_person_public import ResponsiblePersonPublic  # noqa: PLC0415

        d = dict(src_dict)
        boundary = d.pop("boundary")

        def _parse_change_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change_reason = _parse_change_reason(d.pop("change_reason"))

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        major_change = d.pop("major_change")

        responsible_staff = []
        _responsible_staff = d.pop("responsible_staff")
        for responsible_staff_item_data in _responsible_staff:
            responsible_staff_item = ResponsiblePersonPublic.from_dict(responsible_staff_item_data)

            responsible_staff.append(responsible_staff_item)

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = PlanSourcePublic.from_dict(sources_item_data)

            sources.append(sources_item)

        version = d.pop("version")

        plan_version_public = cls(
            boundary=boundary,
            change_reason=change_reason,
            filed_at=filed_at,
            major_change=major_change,
            responsible_staff=responsible_staff,
            sources=sources,
            version=version,
        )

        plan_version_public.additional_properties = d
        return plan_version_public

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
