from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transfer_line import TransferLine


T = TypeVar("T", bound="BulkTransfer")


@_attrs_define
class BulkTransfer:
    """
    Attributes:
        from_account_id (str):
        lines (list[TransferLine]):
        to_account_id (str):
        correlation_id (None | str | Unset): this item's compliance case id for its events (default: a new one)
    """

    from_account_id: str
    lines: list[TransferLine]
    to_account_id: str
    correlation_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_account_id = self.from_account_id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        to_account_id = self.to_account_id

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_account_id": from_account_id,
                "lines": lines,
                "to_account_id": to_account_id,
            }
        )
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_line import TransferLine  # noqa: PLC0415

        d = dict(src_dict)
        from_account_id = d.pop("from_account_id")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = TransferLine.from_dict(lines_item_data)

            lines.append(lines_item)

        to_account_id = d.pop("to_account_id")

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

        bulk_transfer = cls(
            from_account_id=from_account_id,
            lines=lines,
            to_account_id=to_account_id,
            correlation_id=correlation_id,
        )

        bulk_transfer.additional_properties = d
        return bulk_transfer

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
