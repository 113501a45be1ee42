from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.measure_public import MeasurePublic


T = TypeVar("T", bound="PublicViolation")


@_attrs_define
class PublicViolation:
    """An established violation in its publicity period (M-40(1) publication, or a penalty decision that stands).

    Attributes:
        article (str):
        case_id (str):
        compliance_year (int | None):
        decided_on (datetime.date):
        fine_amount (None | str):
        measures_in_force (list[MeasurePublic]):
        party_id (str):
        party_kind (str):
        violation (str):
    """

    article: str
    case_id: str
    compliance_year: int | None
    decided_on: datetime.date
    fine_amount: None | str
    measures_in_force: list[MeasurePublic]
    party_id: str
    party_kind: str
    violation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article = self.article

        case_id = self.case_id

        compliance_year: int | None
        compliance_year = self.compliance_year

        decided_on = self.decided_on.isoformat()

        fine_amount: None | str
        fine_amount = self.fine_amount

        measures_in_force = []
        for measures_in_force_item_data in self.measures_in_force:
            measures_in_force_item = measures_in_force_item_data.to_dict()
            measures_in_force.append(measures_in_force_item)

        party_id = self.party_id

        party_kind = self.party_kind

        violation = self.violation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "case_id": case_id,
                "compliance_year": compliance_year,
                "decided_on": decided_on,
                "fine_amount": fine_amount,
                "measures_in_force": measures_in_force,
                "party_id": party_id,
                "party_kind": party_kind,
                "violation": violation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.measure_public import MeasurePublic  # noqa: PLC0415

        d = dict(src_dict)
        article = d.pop("article")

        case_id = d.pop("case_id")

        def _parse_compliance_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        compliance_year = _parse_compliance_year(d.pop("compliance_year"))

        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        def _parse_fine_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_amount = _parse_fine_amount(d.pop("fine_amount"))

        measures_in_force = []
        _measures_in_force = d.pop("measures_in_force")
        for measures_in_force_item_data in _measures_in_force:
            measures_in_force_item = MeasurePublic.from_dict(measures_in_force_item_data)

            measures_in_force.append(measures_in_force_item)

        party_id = d.pop("party_id")

        party_kind = d.pop("party_kind")

        violation = d.pop("violation")

        public_violation = cls(
            article=article,
            case_id=case_id,
            compliance_year=compliance_year,
            decided_on=decided_on,
            fine_amount=fine_amount,
            measures_in_force=measures_in_force,
            party_id=party_id,
            party_kind=party_kind,
            violation=violation,
        )

        public_violation.additional_properties = d
        return public_violation

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
