from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsumerBacklog")


@_attrs_define
class ConsumerBacklog:
    """
    Attributes:
        consumer (str): the durable consumer `<service>--<producer>`
        delivered_stream_sequence (int):
        pending (int): events not yet delivered to the service
        pinned_here (bool): this replica is the one the events are delivered to
        stream (str):
        subjects (list[str]):
        unacknowledged (int): events delivered and not yet applied
    """

    consumer: str
    delivered_stream_sequence: int
    pending: int
    pinned_here: bool
    stream: str
    subjects: list[str]
    unacknowledged: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consumer = self.consumer

        delivered_stream_sequence = self.delivered_stream_sequence

        pending = self.pending

        pinned_here = self.pinned_here

        stream = self.stream

        subjects = self.subjects

        unacknowledged = self.unacknowledged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consumer": consumer,
                "delivered_stream_sequence": delivered_stream_sequence,
                "pending": pending,
                "pinned_here": pinned_here,
                "stream": stream,
                "subjects": subjects,
                "unacknowledged": unacknowledged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consumer = d.pop("consumer")

        delivered_stream_sequence = d.pop("delivered_stream_sequence")

        pending = d.pop("pending")

        pinned_here = d.pop("pinned_here")

        stream = d.pop("stream")

        subjects = cast(list[str], d.pop("subjects"))

        unacknowledged = d.pop("unacknowledged")

        consumer_backlog = cls(
            consumer=consumer,
            delivered_stream_sequence=delivered_stream_sequence,
            pending=pending,
            pinned_here=pinned_here,
            stream=stream,
            subjects=subjects,
            unacknowledged=unacknowledged,
        )

        consumer_backlog.additional_properties = d
        return consumer_backlog

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
