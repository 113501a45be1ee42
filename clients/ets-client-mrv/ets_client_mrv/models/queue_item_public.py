from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.queue_item_public_awaiting import QueueItemPublicAwaiting

T = TypeVar("T", bound="QueueItemPublic")


@_attrs_define
class QueueItemPublic:
    """One case awaiting the authority's determination (M-15), with its deadline and triggers.

    Attributes:
        awaiting (QueueItemPublicAwaiting):
        compliance_year (int):
        days_left (int | None):
        due_by (datetime.date | None):
        entity_id (str):
        late_report (bool | None):
        late_verification (bool | None):
        objection_period_ends_at (datetime.datetime | None):
        overdue (bool):
        report_id (str):
        reported_emissions (int | None):
        state (str):
        triggers (list[str]):
        verification_received_at (datetime.datetime | None):
        verified_emissions (int | None):
    """

    awaiting: QueueItemPublicAwaiting
    compliance_year: int
    days_left: int | None
    due_by: datetime.date | None
    entity_id: str
    late_report: bool | None
    late_verification: bool | None
    objection_period_ends_at: datetime.datetime | None
    overdue: bool
    report_id: str
    reported_emissions: int | None
    state: str
    triggers: list[str]
    verification_received_at: datetime.datetime | None
    verified_emissions: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        awaiting = self.awaiting.value

        compliance_year = self.compliance_year

        days_left: int | None
        days_left = self.days_left

        due_by: None | str
        if isinstance(self.due_by, datetime.date):
            due_by = self.due_by.isoformat()
        else:
            due_by = self.due_by

        entity_id = self.entity_id

        late_report: bool | None
        late_report = self.late_report

        late_verification: bool | None
        late_verification = self.late_verification

        objection_period_ends_at: None | str
        if isinstance(self.objection_period_ends_at, datetime.datetime):
            objection_period_ends_at = self.objection_period_ends_at.isoformat()
        else:
            objection_period_ends_at = self.objection_period_ends_at

        overdue = self.overdue

        report_id = self.report_id

        reported_emissions: int | None
        reported_emissions = self.reported_emissions

        state = self.state

        triggers = self.triggers

        verification_received_at: None | str
        if isinstance(self.verification_received_at, datetime.datetime):
            verification_received_at = self.verification_received_at.isoformat()
        else:
            verification_received_at = self.verification_received_at

        verified_emissions: int | None
        verified_emissions = self.verified_emissions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "awaiting": awaiting,
                "compliance_year": compliance_year,
                "days_left": days_left,
                "due_by": due_by,
                "entity_id": entity_id,
                "late_report": late_report,
                "late_verification": late_verification,
                "objection_period_ends_at": objection_period_ends_at,
                "overdue": overdue,
                "report_id": report_id,
                "reported_emissions": reported_emissions,
                "state": state,
                "triggers": triggers,
                "verification_received_at": verification_received_at,
                "verified_emissions": verified_emissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        awaiting = QueueItemPublicAwaiting(d.pop("awaiting"))

        compliance_year = d.pop("compliance_year")

        def _parse_days_left(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_left = _parse_days_left(d.pop("days_left"))

        def _parse_due_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_by_type_0 = datetime.date.fromisoformat(data)

                return due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_by = _parse_due_by(d.pop("due_by"))

        entity_id = d.pop("entity_id")

        def _parse_late_report(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        late_report = _parse_late_report(d.pop("late_report"))

        def _parse_late_verification(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        late_verification = _parse_late_verification(d.pop("late_verification"))

        def _parse_objection_period_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                objection_period_ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return objection_period_ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        objection_period_ends_at = _parse_objection_period_ends_at(d.pop("objection_period_ends_at"))

        overdue = d.pop("overdue")

        report_id = d.pop("report_id")

        def _parse_reported_emissions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reported_emissions = _parse_reported_emissions(d.pop("reported_emissions"))

        state = d.pop("state")

        triggers = cast(list[str], d.pop("triggers"))

        def _parse_verification_received_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verification_received_at_type_0 = datetime.datetime.fromisoformat(data)

                return verification_received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verification_received_at = _parse_verification_received_at(d.pop("verification_received_at"))

        def _parse_verified_emissions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        verified_emissions = _parse_verified_emissions(d.pop("verified_emissions"))

        queue_item_public = cls(
            awaiting=awaiting,
            compliance_year=compliance_year,
            days_left=days_left,
            due_by=due_by,
            entity_id=entity_id,
            late_report=late_report,
            late_verification=late_verification,
            objection_period_ends_at=objection_period_ends_at,
            overdue=overdue,
            report_id=report_id,
            reported_emissions=reported_emissions,
            state=state,
            triggers=triggers,
            verification_received_at=verification_received_at,
            verified_emissions=verified_emissions,
        )

        queue_item_public.additional_properties = d
        return queue_item_public

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
