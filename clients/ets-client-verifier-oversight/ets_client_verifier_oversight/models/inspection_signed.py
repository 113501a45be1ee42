from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checklist_public import ChecklistPublic
    from ..models.evaluation_public import EvaluationPublic
    from ..models.finding_public import FindingPublic
    from ..models.signature_public import SignaturePublic


T = TypeVar("T", bound="InspectionSigned")


@_attrs_define
class InspectionSigned:
    """
    Attributes:
        agency_id (str):
        checklist (list[ChecklistPublic]):
        completed_at (datetime.datetime | None):
        compliance_year (int):
        draw_id (None | str):
        entity_id (str):
        evaluation (EvaluationPublic | None):
        findings (list[FindingPublic]):
        inspected_on (datetime.date):
        inspection_id (str):
        kind (str):
        reason (None | str):
        record (str):
        signatures (list[SignaturePublic]):
        team (list[str]):
    """

    agency_id: str
    checklist: list[ChecklistPublic]
    completed_at: datetime.datetime | None
    compliance_year: int
    draw_id: None | str
    entity_id: str
    evaluation: EvaluationPublic | None
    findings: list[FindingPublic]
    inspected_on: datetime.date
    inspection_id: str
    kind: str
    reason: None | str
    record: str
    signatures: list[SignaturePublic]
    team: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.evaluation_public import EvaluationPublic  # noqa: PLC0415

        agency_id = self.agency_id

        checklist = []
        for checklist_item_data in self.checklist:
            checklist_item = checklist_item_data.to_dict()
            checklist.append(checklist_item)

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        compliance_year = self.compliance_year

        draw_id: None | str
        draw_id = self.draw_id

        entity_id = self.entity_id

        evaluation: dict[str, Any] | None
        if isinstance(self.evaluation, EvaluationPublic):
            evaluation = self.evaluation.to_dict()
        else:
            evaluation = self.evaluation

        findings = []
        for findings_item_data in self.findings:
            findings_item = findings_item_data.to_dict()
            findings.append(findings_item)

        inspected_on = self.inspected_on.isoformat()

        inspection_id = self.inspection_id

        kind = self.kind

        reason: None | str
        reason = self.reason

        record = self.record

        signatures = []
        for signatures_item_data in self.signatures:
            signatures_item = signatures_item_data.to_dict()
            signatures.append(signatures_item)

        team = self.team

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "checklist": checklist,
                "completed_at": completed_at,
                "compliance_year": compliance_year,
                "draw_id": draw_id,
                "entity_id": entity_id,
                "evaluation": evaluation,
                "findings": findings,
                "inspected_on": inspected_on,
                "inspection_id": inspection_id,
                "kind": kind,
                "reason": reason,
                "record": record,
                "signatures": signatures,
                "team": team,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_public import ChecklistPublic  # noqa: PLC0415
        from ..models.evaluation_public import EvaluationPublic  # noqa: PLC0415
        from ..models.finding_public import FindingPublic  # noqa: PLC0415
        from ..models.signature_public import SignaturePublic  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        checklist = []
        _checklist = d.pop("checklist")
        for checklist_item_data in _checklist:
            checklist_item = ChecklistPublic.from_dict(checklist_item_data)

            checklist.append(checklist_item)

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        compliance_year = d.pop("compliance_year")

        def _parse_draw_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        draw_id = _parse_draw_id(d.pop("draw_id"))

        entity_id = d.pop("entity_id")

        def _parse_evaluation(data: object) -> EvaluationPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evaluation_type_0 = EvaluationPublic.from_dict(data)

                return evaluation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EvaluationPublic | None, data)

        evaluation = _parse_evaluation(d.pop("evaluation"))

        findings = []
        _findings = d.pop("findings")
        for findings_item_data in _findings:
            findings_item = FindingPublic.from_dict(findings_item_data)

            findings.append(findings_item)

        inspected_on = datetime.date.fromisoformat(d.pop("inspected_on"))

        inspection_id = d.pop("inspection_id")

        kind = d.pop("kind")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        record = d.pop("record")

        signatures = []
        _signatures = d.pop("signatures")
        for signatures_item_data in _signatures:
            signatures_item = SignaturePublic.from_dict(signatures_item_data)

            signatures.append(signatures_item)

        team = cast(list[str], d.pop("team"))

        inspection_signed = cls(
            agency_id=agency_id,
            checklist=checklist,
            completed_at=completed_at,
            compliance_year=compliance_year,
            draw_id=draw_id,
            entity_id=entity_id,
            evaluation=evaluation,
            findings=findings,
            inspected_on=inspected_on,
            inspection_id=inspection_id,
            kind=kind,
            reason=reason,
            record=record,
            signatures=signatures,
            team=team,
        )

        inspection_signed.additional_properties = d
        return inspection_signed

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
