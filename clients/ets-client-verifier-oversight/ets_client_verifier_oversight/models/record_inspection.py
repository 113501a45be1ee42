from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.record_inspection_kind import RecordInspectionKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.checklist_in import ChecklistIn
    from ..models.finding_in import FindingIn


T = TypeVar("T", bound="RecordInspection")


@_attrs_define
class RecordInspection:
    """V: the on-site record (现场记录) of an inspection or spot check; it counts once every team member signed.

    Attributes:
        agency_id (str):
        checklist (list[ChecklistIn]):
        compliance_year (int): Compliance year whose reports are verified
        entity_id (str):
        inspected_on (datetime.date): a date between 2000-01-01 and 2100-12-31
        inspection_id (str):
        kind (RecordInspectionKind):
        record (str):
        team (list[str]): Panel members present
        draw_id (None | str | Unset): The draw that selected the entity (on-site inspections)
        findings (list[FindingIn] | Unset):
        reason (None | str | Unset): Why this spot check
    """

    agency_id: str
    checklist: list[ChecklistIn]
    compliance_year: int
    entity_id: str
    inspected_on: datetime.date
    inspection_id: str
    kind: RecordInspectionKind
    record: str
    team: list[str]
    draw_id: None | str | Unset = UNSET
    findings: list[FindingIn] | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        checklist = []
        for checklist_item_data in self.checklist:
            checklist_item = checklist_item_data.to_dict()
            checklist.append(checklist_item)

        compliance_year = self.compliance_year

        entity_id = self.entity_id

        inspected_on = self.inspected_on.isoformat()

        inspection_id = self.inspection_id

        kind = self.kind.value

        record = self.record

        team = self.team

        draw_id: None | str | Unset
        if isinstance(self.draw_id, Unset):
            draw_id = UNSET
        else:
            draw_id = self.draw_id

        findings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.findings, Unset):
            findings = []
            for findings_item_data in self.findings:
                findings_item = findings_item_data.to_dict()
                findings.append(findings_item)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agency_id": agency_id,
                "checklist": checklist,
                "compliance_year": compliance_year,
                "entity_id": entity_id,
                "inspected_on": inspected_on,
                "inspection_id": inspection_id,
                "kind": kind,
                "record": record,
                "team": team,
            }
        )
        if draw_id is not UNSET:
            field_dict["draw_id"] = draw_id
        if findings is not UNSET:
            field_dict["findings"] = findings
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_in import ChecklistIn  # noqa: PLC0415
        from ..models.finding_in import FindingIn  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        checklist = []
        _checklist = d.pop("checklist")
        for checklist_item_data in _checklist:
            checklist_item = ChecklistIn.from_dict(checklist_item_data)

            checklist.append(checklist_item)

        compliance_year = d.pop("compliance_year")

        entity_id = d.pop("entity_id")

        inspected_on = datetime.date.fromisoformat(d.pop("inspected_on"))

        inspection_id = d.pop("inspection_id")

        kind = RecordInspectionKind(d.pop("kind"))

        record = d.pop("record")

        team = cast(list[str], d.pop("team"))

        def _parse_draw_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        draw_id = _parse_draw_id(d.pop("draw_id", UNSET))

        _findings = d.pop("findings", UNSET)
        findings: list[FindingIn] | Unset = UNSET
        if _findings is not UNSET:
            findings = []
            for findings_item_data in _findings:
                findings_item = FindingIn.from_dict(findings_item_data)

                findings.append(findings_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        record_inspection = cls(
            agency_id=agency_id,
            checklist=checklist,
            compliance_year=compliance_year,
            entity_id=entity_id,
            inspected_on=inspected_on,
            inspection_id=inspection_id,
            kind=kind,
            record=record,
            team=team,
            draw_id=draw_id,
            findings=findings,
            reason=reason,
        )

        return record_inspection
