from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.determination_public import DeterminationPublic
    from ..models.objection_public import ObjectionPublic
    from ..models.recheck_public import RecheckPublic
    from ..models.report_public import ReportPublic
    from ..models.verification_public import VerificationPublic


T = TypeVar("T", bound="CasePublic")


@_attrs_define
class CasePublic:
    """The whole compliance year of one entity: report (null while missing), verification, objections, re-checks,
    determinations, and the deadlines found missed.

        Attributes:
            compliance_year (int):
            covered (bool):
            decision_due_by (datetime.date | None):
            determination_due_by (datetime.date | None):
            determination_overdue_for (datetime.date | None):
            determinations (list[DeterminationPublic]):
            entity_id (str):
            objections (list[ObjectionPublic]):
            rechecks (list[RecheckPublic]):
            report (None | ReportPublic):
            report_id (str):
            report_missing_at (datetime.datetime | None):
            state (str):
            verification (None | VerificationPublic):
            verification_missing_at (datetime.datetime | None):
    """

    compliance_year: int
    covered: bool
    decision_due_by: datetime.date | None
    determination_due_by: datetime.date | None
    determination_overdue_for: datetime.date | None
    determinations: list[DeterminationPublic]
    entity_id: str
    objections: list[ObjectionPublic]
    rechecks: list[RecheckPublic]
    report: None | ReportPublic
    report_id: str
    report_missing_at: datetime.datetime | None
    state: str
    verification: None | VerificationPublic
    verification_missing_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.report_public import ReportPublic  # noqa: PLC0415
        from ..models.verification_public import VerificationPublic  # noqa: PLC0415

        compliance_year = self.compliance_year

        covered = self.covered

        decision_due_by: None | str
        if isinstance(self.decision_due_by, datetime.date):
            decision_due_by = self.decision_due_by.isoformat()
        else:
            decision_due_by = self.decision_due_by

        determination_due_by: None | str
        if isinstance(self.determination_due_by, datetime.date):
            determination_due_by = self.determination_due_by.isoformat()
        else:
            determination_due_by = self.determination_due_by

        determination_overdue_for: None | str
        if isinstance(self.determination_overdue_for, datetime.date):
            determination_overdue_for = self.determination_overdue_for.isoformat()
        else:
            determination_overdue_for = self.determination_overdue_for

        determinations = []
        for determinations_item_data in self.determinations:
            determinations_item = determinations_item_data.to_dict()
            determinations.append(determinations_item)

        entity_id = self.entity_id

        objections = []
        for objections_item_data in self.objections:
            objections_item = objections_item_data.to_dict()
            objections.append(objections_item)

        rechecks = []
        for rechecks_item_data in self.rechecks:
            rechecks_item = rechecks_item_data.to_dict()
            rechecks.append(rechecks_item)

        report: dict[str, Any] | None
        if isinstance(self.report, ReportPublic):
            report = self.report.to_dict()
        else:
            report = self.report

        report_id = self.report_id

        report_missing_at: None | str
        if isinstance(self.report_missing_at, datetime.datetime):
            report_missing_at = self.report_missing_at.isoformat()
        else:
            report_missing_at = self.report_missing_at

        state = self.state

        verification: dict[str, Any] | None
        if isinstance(self.verification, VerificationPublic):
            verification = self.verification.to_dict()
        else:
            verification = self.verification

        verification_missing_at: None | str
        if isinstance(self.verification_missing_at, datetime.datetime):
            verification_missing_at = self.verification_missing_at.isoformat()
        else:
            verification_missing_at = self.verification_missing_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "covered": covered,
                "decision_due_by": decision_due_by,
                "determination_due_by": determination_due_by,
                "determination_overdue_for": determination_overdue_for,
                "determinations": determinations,
                "entity_id": entity_id,
                "objections": objections,
                "rechecks": rechecks,
                "report": report,
                "report_id": report_id,
                "report_missing_at": report_missing_at,
                "state": state,
                "verification": verification,
                "verification_missing_at": verification_missing_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.determination_public import DeterminationPublic  # noqa: PLC0415
        from ..models.objection_public import ObjectionPublic  # noqa: PLC0415
        from ..models.recheck_public import RecheckPublic  # noqa: PLC0415
        from ..models.report_public import ReportPublic  # noqa: PLC0415
        from ..models.verification_public import VerificationPublic  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        covered = d.pop("covered")

        def _parse_decision_due_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_due_by_type_0 = datetime.date.fromisoformat(data)

                return decision_due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decision_due_by = _parse_decision_due_by(d.pop("decision_due_by"))

        def _parse_determination_due_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                determination_due_by_type_0 = datetime.date.fromisoformat(data)

                return determination_due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        determination_due_by = _parse_determination_due_by(d.pop("determination_due_by"))

        def _parse_determination_overdue_for(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                determination_overdue_for_type_0 = datetime.date.fromisoformat(data)

                return determination_overdue_for_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        determination_overdue_for = _parse_determination_overdue_for(d.pop("determination_overdue_for"))

        determinations = []
        _determinations = d.pop("determinations")
        for determinations_item_data in _determinations:
            determinations_item = DeterminationPublic.from_dict(determinations_item_data)

            determinations.append(determinations_item)

        entity_id = d.pop("entity_id")

        objections = []
        _objections = d.pop("objections")
        for objections_item_data in _objections:
            objections_item = ObjectionPublic.from_dict(objections_item_data)

            objections.append(objections_item)

        rechecks = []
        _rechecks = d.pop("rechecks")
        for rechecks_item_data in _rechecks:
            rechecks_item = RecheckPublic.from_dict(rechecks_item_data)

            rechecks.append(rechecks_item)

        def _parse_report(data: object) -> None | ReportPublic:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                report_type_0 = ReportPublic.from_dict(data)

                return report_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportPublic, data)

        report = _parse_report(d.pop("report"))

        report_id = d.pop("report_id")

        def _parse_report_missing_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                report_missing_at_type_0 = datetime.datetime.fromisoformat(data)

                return report_missing_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        report_missing_at = _parse_report_missing_at(d.pop("report_missing_at"))

        state = d.pop("state")

        def _parse_verification(data: object) -> None | VerificationPublic:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                verification_type_0 = VerificationPublic.from_dict(data)

                return verification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VerificationPublic, data)

        verification = _parse_verification(d.pop("verification"))

        def _parse_verification_missing_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verification_missing_at_type_0 = datetime.datetime.fromisoformat(data)

                return verification_missing_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verification_missing_at = _parse_verification_missing_at(d.pop("verification_missing_at"))

        case_public = cls(
            compliance_year=compliance_year,
            covered=covered,
            decision_due_by=decision_due_by,
            determination_due_by=determination_due_by,
            determination_overdue_for=determination_overdue_for,
            determinations=determinations,
            entity_id=entity_id,
            objections=objections,
            rechecks=rechecks,
            report=report,
            report_id=report_id,
            report_missing_at=report_missing_at,
            state=state,
            verification=verification,
            verification_missing_at=verification_missing_at,
        )

        case_public.additional_properties = d
        return case_public

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
