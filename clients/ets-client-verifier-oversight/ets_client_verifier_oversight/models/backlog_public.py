from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.consumer_backlog import ConsumerBacklog


T = TypeVar("T", bound="BacklogPublic")


@_attrs_define
class BacklogPublic:
    """
    Attributes:
        consumers (list[ConsumerBacklog]):
        idle (bool): nothing unpublished and nothing unapplied right now
        oldest_unpublished_at (datetime.datetime | None):
        outbox_unpublished (int): committed events the outbox relay has not published yet
        service (str):
    """

    consumers: list[ConsumerBacklog]
    idle: bool
    oldest_unpublished_at: datetime.datetime | None
    outbox_unpublished: int
    service: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consumers = []
        for consumers_item_data in self.consumers:
            consumers_item = consumers_item_data.to_dict()
            consumers.append(consumers_item)

        idle = self.idle

        oldest_unpublished_at: None | str
        if isinstance(self.oldest_unpublished_at, datetime.datetime):
            oldest_unpublished_at = self.oldest_unpublished_at.isoformat()
        else:
            oldest_unpublished_at = self.oldest_unpublished_at

        outbox_unpublished = self.outbox_unpublished

        service = self.service

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consumers": consumers,
                "idle": idle,
                "oldest_unpublished_at": oldest_unpublished_at,
                "outbox_unpublished": outbox_unpublished,
                "service": service,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consumer_backlog import ConsumerBacklog  # noqa: PLC0415

        d = dict(src_dict)
        consumers = []
        _consumers = d.pop("consumers")
        for consumers_item_data in _consumers:
            consumers_item = ConsumerBacklog.from_dict(consumers_item_data)

            consumers.append(consumers_item)

        idle = d.pop("idle")

        def _parse_oldest_unpublished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                oldest_unpublished_at_type_0 = datetime.datetime.fromisoformat(data)

                return oldest_unpublished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        oldest_unpublished_at = _parse_oldest_unpublished_at(d.pop("oldest_unpublished_at"))

        outbox_unpublished = d.pop("outbox_unpublished")

        service = d.pop("service")

        backlog_public = cls(
            consumers=consumers,
            idle=idle,
            oldest_unpublished_at=oldest_unpublished_at,
            outbox_unpublished=outbox_unpublished,
            service=service,
        )

        backlog_public.additional_properties = d
        return backlog_public

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
