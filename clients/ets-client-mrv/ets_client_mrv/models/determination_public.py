from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.determination_public_basis import DeterminationPublicBasis

if TYPE_CHECKING:
    from ..models.trigger_public import TriggerPublic


T = TypeVar("T", bound="DeterminationPublic")


@_attrs_define
class DeterminationPublic:
    """A determination of this service, or (basis "historical") a figure imported from the legacy system.

    Attributes:
        basis (DeterminationPublicBasis):
        compliance_year (int):
        determination_id (None | str):
        determined_at (datetime.datetime):
        due_by (datetime.date | None):
        emissions (int):
        entity_id (str):
        late (bool | None):
        reason (None | str):
        revision (int | None):
        trigger_details (list[TriggerPublic]):
        triggers (list[str]):
    """

    basis: DeterminationPublicBasis
    compliance_year: int
    determination_id: None | str
    determined_at: datetime.datetime
    due_by: datetime.date | None
    emissions: int
    entity_id: str
    late: bool | None
    reason: None | str
    revision: int | None
    trigger_details: list[TriggerPublic]
    triggers: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        basis = self.basis.value

        compliance_year = self.compliance_year

        determination_id: None | str
        determination_id = self.determination_id

        determined_at = self.determined_at.isoformat()

        due_by: None | str
        if isinstance(self.due_by, datetime.date):
            due_by = self.due_by.isoformat()
        else:
            due_by = self.due_by

        emissions = self.emissions

        entity_id = self.entity_id

        late: bool | None
        late = self.late

        reason: None | str
        reason = self.reason

        revision: int | None
        revision = self.revision

        trigger_details = []
        for trigger_details_item_data in self.trigger_details:
            trigger_details_item = trigger_details_item_data.to_dict()
            trigger_details.append(trigger_details_item)

        triggers = self.triggers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "basis": basis,
                "compliance_year": compliance_year,
                "determination_id": determination_id,
                "determined_at": determined_at,
                "due_by": due_by,
                "emissions": emissions,
                "entity_id": entity_id,
                "late": late,
                "reason": reason,
                "revision": revision,
                "trigger_details": trigger_details,
                "triggers": triggers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_public import TriggerPublic  # noqa: PLC0415

        d = dict(src_dict)
        basis = DeterminationPublicBasis(d.pop("basis"))

        compliance_year = d.pop("compliance_year")

        def _parse_determination_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        determination_id = _parse_determination_id(d.pop("determination_id"))

        determined_at = datetime.datetime.fromisoformat(d.pop("determined_at"))

        def _parse_due_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_by_type_0 = datetime.date.fromisoformat(data)

                return due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_by = _parse_due_by(d.pop("due_by"))

        emissions = d.pop("emissions")

        entity_id = d.pop("entity_id")

        def _parse_late(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        late = _parse_late(d.pop("late"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_revision(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        revision = _parse_revision(d.pop("revision"))

        trigger_details = []
        _trigger_details = d.pop("trigger_details")
        for trigger_details_item_data in _trigger_details:
            trigger_details_item = TriggerPublic.from_dict(trigger_details_item_data)

            trigger_details.append(trigger_details_item)

        triggers = cast(list[str], d.pop("triggers"))

        determination_public = cls(
            basis=basis,
            compliance_year=compliance_year,
            determination_id=determination_id,
            determined_at=determined_at,
            due_by=due_by,
            emissions=emissions,
            entity_id=entity_id,
            late=late,
            reason=reason,
            revision=revision,
            trigger_details=trigger_details,
            triggers=triggers,
        )

        determination_public.additional_properties = d
        return determination_public

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
