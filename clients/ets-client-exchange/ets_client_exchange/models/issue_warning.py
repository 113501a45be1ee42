from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.issue_warning_level import IssueWarningLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="IssueWarning")


@_attrs_define
class IssueWarning:
    """风险警示 (M-28(3)) about one product, or the whole market (`product_id` null).

    Attributes:
        message (str):
        warning_id (str):
        level (IssueWarningLevel | Unset):  Default: IssueWarningLevel.WARNING.
        product_id (None | str | Unset):
    """

    message: str
    warning_id: str
    level: IssueWarningLevel | Unset = IssueWarningLevel.WARNING
    product_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        warning_id = self.warning_id

        level: str | Unset = UNSET
        if not isinstance(self.level, Unset):
            level = self.level.value

        product_id: None | str | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
                "warning_id": warning_id,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if product_id is not UNSET:
            field_dict["product_id"] = product_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        warning_id = d.pop("warning_id")

        _level = d.pop("level", UNSET)
        level: IssueWarningLevel | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = IssueWarningLevel(_level)

        def _parse_product_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_id = _parse_product_id(d.pop("product_id", UNSET))

        issue_warning = cls(
            message=message,
            warning_id=warning_id,
            level=level,
            product_id=product_id,
        )

        return issue_warning
