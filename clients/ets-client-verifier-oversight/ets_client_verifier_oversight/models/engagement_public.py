from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EngagementPublic")


@_attrs_define
class EngagementPublic:
    """
    Attributes:
        agency_id (str):
        assigned_at (datetime.datetime):
        assignment_id (str):
        compliance_year (int):
        determined_at (datetime.datetime | None):
        entity_id (str):
        missing_at (datetime.datetime | None):
        open_ (bool):
        proposal_id (None | str):
        reason (str):
        recheck_opened_at (datetime.datetime | None):
        revision (int):
        stage (str):
        verification_id (None | str):
        verified_at (datetime.datetime | None):
    """

    agency_id: str
    assigned_at: datetime.datetime
    assignment_id: str
    compliance_year: int
    determined_at: datetime.datetime | None
    entity_id: str
    missing_at: datetime.datetime | None
    open_: bool
    proposal_id: None | str
    reason: str
    recheck_opened_at: datetime.datetime | None
    revision: int
    stage: str
    verification_id: None | str
    verified_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        assigned_at = self.assigned_at.isoformat()

        assignment_id = self.assignment_id

        compliance_year = self.compliance_year

        determined_at: None | str
        if isinstance(self.determined_at, datetime.datetime):
            determined_at = self.determined_at.isoformat()
        else:
            determined_at = self.determined_at

        entity_id = self.entity_id

        missing_at: None | str
        if isinstance(self.missing_at, datetime.datetime):
            missing_at = self.missing_at.isoformat()
        else:
            missing_at = self.missing_at

        open_ = self.open_

        proposal_id: None | str
        proposal_id = self.proposal_id

        reason = self.reason

        recheck_opened_at: None | str
        if isinstance(self.recheck_opened_at, datetime.datetime):
            recheck_opened_at = self.recheck_opened_at.isoformat()
        else:
            recheck_opened_at = self.recheck_opened_at

        revision = self.revision

        stage = self.stage

        verification_id: None | str
        verification_id = self.verification_id

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "assigned_at": assigned_at,
                "assignment_id": assignment_id,
                "compliance_year": compliance_year,
                "determined_at": determined_at,
                "entity_id": entity_id,
                "missing_at": missing_at,
                "open": open_,
                "proposal_id": proposal_id,
                "reason": reason,
                "recheck_opened_at": recheck_opened_at,
                "revision": revision,
                "stage": stage,
                "verification_id": verification_id,
                "verified_at": verified_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        assigned_at = datetime.datetime.fromisoformat(d.pop("assigned_at"))

        assignment_id = d.pop("assignment_id")

        compliance_year = d.pop("compliance_year")

        def _parse_determined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                determined_at_type_0 = datetime.datetime.fromisoformat(data)

                return determined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        determined_at = _parse_determined_at(d.pop("determined_at"))

        entity_id = d.pop("entity_id")

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

        open_ = d.pop("open")

        def _parse_proposal_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        proposal_id = _parse_proposal_id(d.pop("proposal_id"))

        reason = d.pop("reason")

        def _parse_recheck_opened_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recheck_opened_at_type_0 = datetime.datetime.fromisoformat(data)

                return recheck_opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        recheck_opened_at = _parse_recheck_opened_at(d.pop("recheck_opened_at"))

        revision = d.pop("revision")

        stage = d.pop("stage")

        def _parse_verification_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verification_id = _parse_verification_id(d.pop("verification_id"))

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        engagement_public = cls(
            agency_id=agency_id,
            assigned_at=assigned_at,
            assignment_id=assignment_id,
            compliance_year=compliance_year,
            determined_at=determined_at,
            entity_id=entity_id,
            missing_at=missing_at,
            open_=open_,
            proposal_id=proposal_id,
            reason=reason,
            recheck_opened_at=recheck_opened_at,
            revision=revision,
            stage=stage,
            verification_id=verification_id,
            verified_at=verified_at,
        )

        engagement_public.additional_properties = d
        return engagement_public

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
