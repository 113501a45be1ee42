from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeductionPublic")


@_attrs_define
class DeductionPublic:
    """
    Attributes:
        code (str):
        contest_grounds (None | str):
        contested_at (datetime.datetime | None):
        deduction_id (str):
        entity_id (None | str):
        evidence (list[str]):
        measure (None | str):
        points (int):
        reason (str):
        recorded_at (datetime.datetime):
        reference (None | str):
        review_reason (None | str):
        reviewed_at (datetime.datetime | None):
        source (str):
        status (str):
        table_version (int):
        unscored (None | str):
    """

    code: str
    contest_grounds: None | str
    contested_at: datetime.datetime | None
    deduction_id: str
    entity_id: None | str
    evidence: list[str]
    measure: None | str
    points: int
    reason: str
    recorded_at: datetime.datetime
    reference: None | str
    review_reason: None | str
    reviewed_at: datetime.datetime | None
    source: str
    status: str
    table_version: int
    unscored: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        contest_grounds: None | str
        contest_grounds = self.contest_grounds

        contested_at: None | str
        if isinstance(self.contested_at, datetime.datetime):
            contested_at = self.contested_at.isoformat()
        else:
            contested_at = self.contested_at

        deduction_id = self.deduction_id

        entity_id: None | str
        entity_id = self.entity_id

        evidence = self.evidence

        measure: None | str
        measure = self.measure

        points = self.points

        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        reference: None | str
        reference = self.reference

        review_reason: None | str
        review_reason = self.review_reason

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        source = self.source

        status = self.status

        table_version = self.table_version

        unscored: None | str
        unscored = self.unscored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "contest_grounds": contest_grounds,
                "contested_at": contested_at,
                "deduction_id": deduction_id,
                "entity_id": entity_id,
                "evidence": evidence,
                "measure": measure,
                "points": points,
                "reason": reason,
                "recorded_at": recorded_at,
                "reference": reference,
                "review_reason": review_reason,
                "reviewed_at": reviewed_at,
                "source": source,
                "status": status,
                "table_version": table_version,
                "unscored": unscored,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_contest_grounds(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contest_grounds = _parse_contest_grounds(d.pop("contest_grounds"))

        def _parse_contested_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contested_at_type_0 = datetime.datetime.fromisoformat(data)

                return contested_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        contested_at = _parse_contested_at(d.pop("contested_at"))

        deduction_id = d.pop("deduction_id")

        def _parse_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))

        evidence = cast(list[str], d.pop("evidence"))

        def _parse_measure(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        measure = _parse_measure(d.pop("measure"))

        points = d.pop("points")

        reason = d.pop("reason")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_review_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        review_reason = _parse_review_reason(d.pop("review_reason"))

        def _parse_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at"))

        source = d.pop("source")

        status = d.pop("status")

        table_version = d.pop("table_version")

        def _parse_unscored(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unscored = _parse_unscored(d.pop("unscored"))

        deduction_public = cls(
            code=code,
            contest_grounds=contest_grounds,
            contested_at=contested_at,
            deduction_id=deduction_id,
            entity_id=entity_id,
            evidence=evidence,
            measure=measure,
            points=points,
            reason=reason,
            recorded_at=recorded_at,
            reference=reference,
            review_reason=review_reason,
            reviewed_at=reviewed_at,
            source=source,
            status=status,
            table_version=table_version,
            unscored=unscored,
        )

        deduction_public.additional_properties = d
        return deduction_public

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
