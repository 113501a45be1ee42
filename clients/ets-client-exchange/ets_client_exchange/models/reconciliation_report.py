from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.difference import Difference


T = TypeVar("T", bound="ReconciliationReport")


@_attrs_define
class ReconciliationReport:
    """
    Attributes:
        agreed (bool):
        as_of (str):
        differences (list[Difference]):
        in_flight (list[str] | Unset):
    """

    agreed: bool
    as_of: str
    differences: list[Difference]
    in_flight: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreed = self.agreed

        as_of = self.as_of

        differences = []
        for differences_item_data in self.differences:
            differences_item = differences_item_data.to_dict()
            differences.append(differences_item)

        in_flight: list[str] | Unset = UNSET
        if not isinstance(self.in_flight, Unset):
            in_flight = self.in_flight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreed": agreed,
                "as_of": as_of,
                "differences": differences,
            }
        )
        if in_flight is not UNSET:
            field_dict["in_flight"] = in_flight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.difference import Difference  # noqa: PLC0415

        d = dict(src_dict)
        agreed = d.pop("agreed")

        as_of = d.pop("as_of")

        differences = []
        _differences = d.pop("differences")
        for differences_item_data in _differences:
            differences_item = Difference.from_dict(differences_item_data)

            differences.append(differences_item)

        in_flight = cast(list[str], d.pop("in_flight", UNSET))

        reconciliation_report = cls(
            agreed=agreed,
            as_of=as_of,
            differences=differences,
            in_flight=in_flight,
        )

        reconciliation_report.additional_properties = d
        return reconciliation_report

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
