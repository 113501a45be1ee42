from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.block_public import BlockPublic


T = TypeVar("T", bound="SerialMovementPublic")


@_attrs_define
class SerialMovementPublic:
    """
    Attributes:
        block (BlockPublic):
        from_account_id (None | str):
        kind (None | str):
        reference (None | str):
        registered_at (datetime.datetime | None):
        to_account_id (str):
        transaction_id (None | str):
    """

    block: BlockPublic
    from_account_id: None | str
    kind: None | str
    reference: None | str
    registered_at: datetime.datetime | None
    to_account_id: str
    transaction_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        block = self.block.to_dict()

        from_account_id: None | str
        from_account_id = self.from_account_id

        kind: None | str
        kind = self.kind

        reference: None | str
        reference = self.reference

        registered_at: None | str
        if isinstance(self.registered_at, datetime.datetime):
            registered_at = self.registered_at.isoformat()
        else:
            registered_at = self.registered_at

        to_account_id = self.to_account_id

        transaction_id: None | str
        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "block": block,
                "from_account_id": from_account_id,
                "kind": kind,
                "reference": reference,
                "registered_at": registered_at,
                "to_account_id": to_account_id,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.block_public import BlockPublic  # noqa: PLC0415

        d = dict(src_dict)
        block = BlockPublic.from_dict(d.pop("block"))

        def _parse_from_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_account_id = _parse_from_account_id(d.pop("from_account_id"))

        def _parse_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        kind = _parse_kind(d.pop("kind"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_registered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_at_type_0 = datetime.datetime.fromisoformat(data)

                return registered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        registered_at = _parse_registered_at(d.pop("registered_at"))

        to_account_id = d.pop("to_account_id")

        def _parse_transaction_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id"))

        serial_movement_public = cls(
            block=block,
            from_account_id=from_account_id,
            kind=kind,
            reference=reference,
            registered_at=registered_at,
            to_account_id=to_account_id,
            transaction_id=transaction_id,
        )

        serial_movement_public.additional_properties = d
        return serial_movement_public

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
