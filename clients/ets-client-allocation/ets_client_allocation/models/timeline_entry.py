from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeline_entry_kind import TimelineEntryKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        at (datetime.datetime): when it happened: the event occurred, the event was applied, the record made
        correlation_id (str):
        kind (TimelineEntryKind): published: an event this service emitted; consumed: an event of another service it
            applied; audit: one of its audit records
        sequence (int): the service's own order of the entries of one kind (outbox sequence, audit record id; 0 for
            consumed events, ordered by when their handler took them up)
        service (str): the service that recorded it
        action (None | str | Unset): audit: what was done
        actor (None | str | Unset): audit: who acted (role:subject, event:<type>, clock)
        causation_id (None | str | Unset): published: the event or request that caused it
        detail (Any | Unset): published: the event's data; audit: the record's detail
        event_id (None | str | Unset): published and consumed entries: the event's id
        event_type (None | str | Unset): published and consumed: the event's subject, e.g. ets.mrv.report.submitted.v1
        subject_ref (None | str | Unset): audit: the record acted on, e.g. case:CASE-1
    """

    at: datetime.datetime
    correlation_id: str
    kind: TimelineEntryKind
    sequence: int
    service: str
    action: None | str | Unset = UNSET
    actor: None | str | Unset = UNSET
    causation_id: None | str | Unset = UNSET
    detail: Any | Unset = UNSET
    event_id: None | str | Unset = UNSET
    event_type: None | str | Unset = UNSET
    subject_ref: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        correlation_id = self.correlation_id

        kind = self.kind.value

        sequence = self.sequence

        service = self.service

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        else:
            action = self.action

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        causation_id: None | str | Unset
        if isinstance(self.causation_id, Unset):
            causation_id = UNSET
        else:
            causation_id = self.causation_id

        detail = self.detail

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        event_type: None | str | Unset
        if isinstance(self.event_type, Unset):
            event_type = UNSET
        else:
            event_type = self.event_type

        subject_ref: None | str | Unset
        if isinstance(self.subject_ref, Unset):
            subject_ref = UNSET
        else:
            subject_ref = self.subject_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "correlation_id": correlation_id,
                "kind": kind,
                "sequence": sequence,
                "service": service,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if actor is not UNSET:
            field_dict["actor"] = actor
        if causation_id is not UNSET:
            field_dict["causation_id"] = causation_id
        if detail is not UNSET:
            field_dict["detail"] = detail
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if event_type is not UNSET:
            field_dict["event_type"] = event_type
        if subject_ref is not UNSET:
            field_dict["subject_ref"] = subject_ref

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        correlation_id = d.pop("correlation_id")

        kind = TimelineEntryKind(d.pop("kind"))

        sequence = d.pop("sequence")

        service = d.pop("service")

        def _parse_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))

        def _parse_causation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        causation_id = _parse_causation_id(d.pop("causation_id", UNSET))

        detail = d.pop("detail", UNSET)

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_event_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_type = _parse_event_type(d.pop("event_type", UNSET))

        def _parse_subject_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_ref = _parse_subject_ref(d.pop("subject_ref", UNSET))

        timeline_entry = cls(
            at=at,
            correlation_id=correlation_id,
            kind=kind,
            sequence=sequence,
            service=service,
            action=action,
            actor=actor,
            causation_id=causation_id,
            detail=detail,
            event_id=event_id,
            event_type=event_type,
            subject_ref=subject_ref,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
