from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="ServiceTimeline")


@_attrs_define
class ServiceTimeline:
    """
    Attributes:
        correlation_ids (list[str]): the correlation ids answered for (for an entity and year: the ones this service
            found)
        entries (list[TimelineEntry]):
        service (str):
        truncated (bool): more entries matched than `limit`: ask for fewer correlation ids
    """

    correlation_ids: list[str]
    entries: list[TimelineEntry]
    service: str
    truncated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        correlation_ids = self.correlation_ids

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        service = self.service

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "correlation_ids": correlation_ids,
                "entries": entries,
                "service": service,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_entry import TimelineEntry  # noqa: PLC0415

        d = dict(src_dict)
        correlation_ids = cast(list[str], d.pop("correlation_ids"))

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = TimelineEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        service = d.pop("service")

        truncated = d.pop("truncated")

        service_timeline = cls(
            correlation_ids=correlation_ids,
            entries=entries,
            service=service,
            truncated=truncated,
        )

        service_timeline.additional_properties = d
        return service_timeline

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
