from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InactionFlagPublic")


@_attrs_define
class InactionFlagPublic:
    """
    Attributes:
        case_id (None | str):
        due_on (datetime.date | None):
        duty (str):
        flag_id (str):
        found_at (datetime.datetime):
        open_ (bool):
        party_id (None | str):
        resolution (None | str):
        resolved_at (datetime.datetime | None):
        responsible (str):
        service (str):
        subject_ref (str):
    """

    case_id: None | str
    due_on: datetime.date | None
    duty: str
    flag_id: str
    found_at: datetime.datetime
    open_: bool
    party_id: None | str
    resolution: None | str
    resolved_at: datetime.datetime | None
    responsible: str
    service: str
    subject_ref: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id: None | str
        case_id = self.case_id

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        duty = self.duty

        flag_id = self.flag_id

        found_at = self.found_at.isoformat()

        open_ = self.open_

        party_id: None | str
        party_id = self.party_id

        resolution: None | str
        resolution = self.resolution

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        responsible = self.responsible

        service = self.service

        subject_ref = self.subject_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "due_on": due_on,
                "duty": duty,
                "flag_id": flag_id,
                "found_at": found_at,
                "open": open_,
                "party_id": party_id,
                "resolution": resolution,
                "resolved_at": resolved_at,
                "responsible": responsible,
                "service": service,
                "subject_ref": subject_ref,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        duty = d.pop("duty")

        flag_id = d.pop("flag_id")

        found_at = datetime.datetime.fromisoformat(d.pop("found_at"))

        open_ = d.pop("open")

        def _parse_party_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        party_id = _parse_party_id(d.pop("party_id"))

        def _parse_resolution(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution = _parse_resolution(d.pop("resolution"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        responsible = d.pop("responsible")

        service = d.pop("service")

        subject_ref = d.pop("subject_ref")

        inaction_flag_public = cls(
            case_id=case_id,
            due_on=due_on,
            duty=duty,
            flag_id=flag_id,
            found_at=found_at,
            open_=open_,
            party_id=party_id,
            resolution=resolution,
            resolved_at=resolved_at,
            responsible=responsible,
            service=service,
            subject_ref=subject_ref,
        )

        inaction_flag_public.additional_properties = d
        return inaction_flag_public

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
