from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeadLetterPublic")


@_attrs_define
class DeadLetterPublic:
    """
    Attributes:
        dead_at (datetime.datetime):
        deliveries (int):
        error (str):
        event_id (None | str):
        id (int):
        payload (str):
        replayed_at (datetime.datetime | None):
        stream_sequence (int | None):
        subject (str):
    """

    dead_at: datetime.datetime
    deliveries: int
    error: str
    event_id: None | str
    id: int
    payload: str
    replayed_at: datetime.datetime | None
    stream_sequence: int | None
    subject: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dead_at = self.dead_at.isoformat()

        deliveries = self.deliveries

        error = self.error

        event_id: None | str
        event_id = self.event_id

        id = self.id

        payload = self.payload

        replayed_at: None | str
        if isinstance(self.replayed_at, datetime.datetime):
            replayed_at = self.replayed_at.isoformat()
        else:
            replayed_at = self.replayed_at

        stream_sequence: int | None
        stream_sequence = self.stream_sequence

        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dead_at": dead_at,
                "deliveries": deliveries,
                "error": error,
                "event_id": event_id,
                "id": id,
                "payload": payload,
                "replayed_at": replayed_at,
                "stream_sequence": stream_sequence,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dead_at = datetime.datetime.fromisoformat(d.pop("dead_at"))

        deliveries = d.pop("deliveries")

        error = d.pop("error")

        def _parse_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event_id = _parse_event_id(d.pop("event_id"))

        id = d.pop("id")

        payload = d.pop("payload")

        def _parse_replayed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replayed_at_type_0 = datetime.datetime.fromisoformat(data)

                return replayed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        replayed_at = _parse_replayed_at(d.pop("replayed_at"))

        def _parse_stream_sequence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        stream_sequence = _parse_stream_sequence(d.pop("stream_sequence"))

        subject = d.pop("subject")

        dead_letter_public = cls(
            dead_at=dead_at,
            deliveries=deliveries,
            error=error,
            event_id=event_id,
            id=id,
            payload=payload,
            replayed_at=replayed_at,
            stream_sequence=stream_sequence,
            subject=subject,
        )

        dead_letter_public.additional_properties = d
        return dead_letter_public

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
