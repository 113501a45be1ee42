from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.declare_exit_reason import DeclareExitReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeclareExit")


@_attrs_define
class DeclareExit:
    """M-18: the entity dissolved, deregistered, stopped production or left Shanghai on `exit_on`.

    Attributes:
        exit_on (datetime.date): the Shanghai date of the dissolution, deregistration, stop or move
        reason (DeclareExitReason): 解散, 注销, 停止生产经营, 迁出本市 (M-18)
        statement (None | str | Unset):
    """

    exit_on: datetime.date
    reason: DeclareExitReason
    statement: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exit_on = self.exit_on.isoformat()

        reason = self.reason.value

        statement: None | str | Unset
        if isinstance(self.statement, Unset):
            statement = UNSET
        else:
            statement = self.statement

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exit_on": exit_on,
                "reason": reason,
            }
        )
        if statement is not UNSET:
            field_dict["statement"] = statement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        exit_on = datetime.date.fromisoformat(d.pop("exit_on"))

        reason = DeclareExitReason(d.pop("reason"))

        def _parse_statement(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        statement = _parse_statement(d.pop("statement", UNSET))

        declare_exit = cls(
            exit_on=exit_on,
            reason=reason,
            statement=statement,
        )

        declare_exit.additional_properties = d
        return declare_exit

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
