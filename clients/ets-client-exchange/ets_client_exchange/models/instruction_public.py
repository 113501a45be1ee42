from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InstructionPublic")


@_attrs_define
class InstructionPublic:
    """
    Attributes:
        instruction_id (str):
        quantity (int):
        reason (None | str):
        requested_at (datetime.datetime):
        status (str):
        trading_account_id (str):
        vintage (int):
    """

    instruction_id: str
    quantity: int
    reason: None | str
    requested_at: datetime.datetime
    status: str
    trading_account_id: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction_id = self.instruction_id

        quantity = self.quantity

        reason: None | str
        reason = self.reason

        requested_at = self.requested_at.isoformat()

        status = self.status

        trading_account_id = self.trading_account_id

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instruction_id": instruction_id,
                "quantity": quantity,
                "reason": reason,
                "requested_at": requested_at,
                "status": status,
                "trading_account_id": trading_account_id,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instruction_id = d.pop("instruction_id")

        quantity = d.pop("quantity")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        status = d.pop("status")

        trading_account_id = d.pop("trading_account_id")

        vintage = d.pop("vintage")

        instruction_public = cls(
            instruction_id=instruction_id,
            quantity=quantity,
            reason=reason,
            requested_at=requested_at,
            status=status,
            trading_account_id=trading_account_id,
            vintage=vintage,
        )

        instruction_public.additional_properties = d
        return instruction_public

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
