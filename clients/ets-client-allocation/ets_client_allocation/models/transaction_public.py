from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transaction_line_public import TransactionLinePublic


T = TypeVar("T", bound="TransactionPublic")


@_attrs_define
class TransactionPublic:
    """
    Attributes:
        kind (str):
        lines (list[TransactionLinePublic]):
        reference (None | str):
        registered_at (datetime.datetime):
        transaction_id (str):
        purpose (None | str | Unset):
    """

    kind: str
    lines: list[TransactionLinePublic]
    reference: None | str
    registered_at: datetime.datetime
    transaction_id: str
    purpose: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        reference: None | str
        reference = self.reference

        registered_at = self.registered_at.isoformat()

        transaction_id = self.transaction_id

        purpose: None | str | Unset
        if isinstance(self.purpose, Unset):
            purpose = UNSET
        else:
            purpose = self.purpose

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "lines": lines,
                "reference": reference,
                "registered_at": registered_at,
                "transaction_id": transaction_id,
            }
        )
        if purpose is not UNSET:
            field_dict["purpose"] = purpose

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transaction_line_public import TransactionLinePublic  # noqa: PLC0415

        d = dict(src_dict)
        kind = d.pop("kind")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = TransactionLinePublic.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        transaction_id = d.pop("transaction_id")

        def _parse_purpose(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purpose = _parse_purpose(d.pop("purpose", UNSET))

        transaction_public = cls(
            kind=kind,
            lines=lines,
            reference=reference,
            registered_at=registered_at,
            transaction_id=transaction_id,
            purpose=purpose,
        )

        transaction_public.additional_properties = d
        return transaction_public

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
