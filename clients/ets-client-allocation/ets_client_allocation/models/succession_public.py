from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.succession_public_facilities_item import SuccessionPublicFacilitiesItem
    from ..models.succession_public_moved_type_0 import SuccessionPublicMovedType0


T = TypeVar("T", bound="SuccessionPublic")


@_attrs_define
class SuccessionPublic:
    """
    Attributes:
        decided_at (datetime.datetime | None):
        decided_by (None | str):
        decision_reason (None | str):
        effective_on (datetime.date):
        facilities (list[SuccessionPublicFacilitiesItem]):
        filed_at (datetime.datetime):
        filed_by (str):
        kind (str):
        moved (None | SuccessionPublicMovedType0):
        predecessor_ids (list[str]):
        statement (str):
        status (str):
        succession_id (str):
        successor_id (None | str):
    """

    decided_at: datetime.datetime | None
    decided_by: None | str
    decision_reason: None | str
    effective_on: datetime.date
    facilities: list[SuccessionPublicFacilitiesItem]
    filed_at: datetime.datetime
    filed_by: str
    kind: str
    moved: None | SuccessionPublicMovedType0
    predecessor_ids: list[str]
    statement: str
    status: str
    succession_id: str
    successor_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.succession_public_moved_type_0 import SuccessionPublicMovedType0  # noqa: PLC0415

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        decided_by = self.decided_by

        decision_reason: None | str
        decision_reason = self.decision_reason

        effective_on = self.effective_on.isoformat()

        facilities = []
        for facilities_item_data in self.facilities:
            facilities_item = facilities_item_data.to_dict()
            facilities.append(facilities_item)

        filed_at = self.filed_at.isoformat()

        filed_by = self.filed_by

        kind = self.kind

        moved: dict[str, Any] | None
        if isinstance(self.moved, SuccessionPublicMovedType0):
            moved = self.moved.to_dict()
        else:
            moved = self.moved

        predecessor_ids = self.predecessor_ids

        statement = self.statement

        status = self.status

        succession_id = self.succession_id

        successor_id: None | str
        successor_id = self.successor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_at": decided_at,
                "decided_by": decided_by,
                "decision_reason": decision_reason,
                "effective_on": effective_on,
                "facilities": facilities,
                "filed_at": filed_at,
                "filed_by": filed_by,
                "kind": kind,
                "moved": moved,
                "predecessor_ids": predecessor_ids,
                "statement": statement,
                "status": status,
                "succession_id": succession_id,
                "successor_id": successor_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.succession_public_facilities_item import SuccessionPublicFacilitiesItem  # noqa: PLC0415
        from ..models.succession_public_moved_type_0 import SuccessionPublicMovedType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        effective_on = datetime.date.fromisoformat(d.pop("effective_on"))

        facilities = []
        _facilities = d.pop("facilities")
        for facilities_item_data in _facilities:
            facilities_item = SuccessionPublicFacilitiesItem.from_dict(facilities_item_data)

            facilities.append(facilities_item)

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        filed_by = d.pop("filed_by")

        kind = d.pop("kind")

        def _parse_moved(data: object) -> None | SuccessionPublicMovedType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                moved_type_0 = SuccessionPublicMovedType0.from_dict(data)

                return moved_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuccessionPublicMovedType0, data)

        moved = _parse_moved(d.pop("moved"))

        predecessor_ids = cast(list[str], d.pop("predecessor_ids"))

        statement = d.pop("statement")

        status = d.pop("status")

        succession_id = d.pop("succession_id")

        def _parse_successor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        successor_id = _parse_successor_id(d.pop("successor_id"))

        succession_public = cls(
            decided_at=decided_at,
            decided_by=decided_by,
            decision_reason=decision_reason,
            effective_on=effective_on,
            facilities=facilities,
            filed_at=filed_at,
            filed_by=filed_by,
            kind=kind,
            moved=moved,
            predecessor_ids=predecessor_ids,
            statement=statement,
            status=status,
            succession_id=succession_id,
            successor_id=successor_id,
        )

        succession_public.additional_properties = d
        return succession_public

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
