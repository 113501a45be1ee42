from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.benchmark_entry import BenchmarkEntry
    from ..models.historical_entry import HistoricalEntry


T = TypeVar("T", bound="AddEntries")


@_attrs_define
class AddEntries:
    """
    Attributes:
        entries (list[BenchmarkEntry | HistoricalEntry]):
    """

    entries: list[BenchmarkEntry | HistoricalEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.historical_entry import HistoricalEntry  # noqa: PLC0415

        entries = []
        for entries_item_data in self.entries:
            entries_item: dict[str, Any]
            if isinstance(entries_item_data, HistoricalEntry):
                entries_item = entries_item_data.to_dict()
            else:
                entries_item = entries_item_data.to_dict()

            entries.append(entries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.benchmark_entry import BenchmarkEntry  # noqa: PLC0415
        from ..models.historical_entry import HistoricalEntry  # noqa: PLC0415

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:

            def _parse_entries_item(data: object) -> BenchmarkEntry | HistoricalEntry:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    entries_item_type_0 = HistoricalEntry.from_dict(data)

                    return entries_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                entries_item_type_1 = BenchmarkEntry.from_dict(data)

                return entries_item_type_1

            entries_item = _parse_entries_item(entries_item_data)

            entries.append(entries_item)

        add_entries = cls(
            entries=entries,
        )

        add_entries.additional_properties = d
        return add_entries

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
