from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.surrender_line import SurrenderLine


T = TypeVar("T", bound="Surrender")


@_attrs_define
class Surrender:
    """M-16: units surrendered against the year's obligation (cancelled in the registry).

    Attributes:
        compliance_year (int): a compliance year (2013-2100)
        lines (list[SurrenderLine]):
    """

    compliance_year: int
    lines: list[SurrenderLine]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "lines": lines,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.surrender_line import SurrenderLine  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = SurrenderLine.from_dict(lines_item_data)

            lines.append(lines_item)

        surrender = cls(
            compliance_year=compliance_year,
            lines=lines,
        )

        surrender.additional_properties = d
        return surrender

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
