from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MeasurePublic")


@_attrs_define
class MeasurePublic:
    """
    Attributes:
        active (bool):
        ends_at (datetime.datetime | None):
        imposed_at (datetime.datetime):
        imposed_by (str):
        kind (str):
        lift_reason (None | str):
        lifted_at (datetime.datetime | None):
        lifted_by (None | str):
        max_holding_t (int | None):
        measure_id (str):
        price_limit (None | str):
        product_id (None | str):
        reason (str):
    """

    active: bool
    ends_at: datetime.datetime | None
    imposed_at: datetime.datetime
    imposed_by: str
    kind: str
    lift_reason: None | str
    lifted_at: datetime.datetime | None
    lifted_by: None | str
    max_holding_t: int | None
    measure_id: str
    price_limit: None | str
    product_id: None | str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        imposed_at = self.imposed_at.isoformat()

        imposed_by = self.imposed_by

        kind = self.kind

        lift_reason: None | str
        lift_reason = self.lift_reason

        lifted_at: None | str
        if isinstance(self.lifted_at, datetime.datetime):
            lifted_at = self.lifted_at.isoformat()
        else:
            lifted_at = self.lifted_at

        lifted_by: None | str
        lifted_by = self.lifted_by

        max_holding_t: int | None
        max_holding_t = self.max_holding_t

        measure_id = self.measure_id

        price_limit: None | str
        price_limit = self.price_limit

        product_id: None | str
        product_id = self.product_id

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "ends_at": ends_at,
                "imposed_at": imposed_at,
                "imposed_by": imposed_by,
                "kind": kind,
                "lift_reason": lift_reason,
                "lifted_at": lifted_at,
                "lifted_by": lifted_by,
                "max_holding_t": max_holding_t,
                "measure_id": measure_id,
                "price_limit": price_limit,
                "product_id": product_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        imposed_at = datetime.datetime.fromisoformat(d.pop("imposed_at"))

        imposed_by = d.pop("imposed_by")

        kind = d.pop("kind")

        def _parse_lift_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lift_reason = _parse_lift_reason(d.pop("lift_reason"))

        def _parse_lifted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lifted_at_type_0 = datetime.datetime.fromisoformat(data)

                return lifted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lifted_at = _parse_lifted_at(d.pop("lifted_at"))

        def _parse_lifted_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lifted_by = _parse_lifted_by(d.pop("lifted_by"))

        def _parse_max_holding_t(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_holding_t = _parse_max_holding_t(d.pop("max_holding_t"))

        measure_id = d.pop("measure_id")

        def _parse_price_limit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        price_limit = _parse_price_limit(d.pop("price_limit"))

        def _parse_product_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_id = _parse_product_id(d.pop("product_id"))

        reason = d.pop("reason")

        measure_public = cls(
            active=active,
            ends_at=ends_at,
            imposed_at=imposed_at,
            imposed_by=imposed_by,
            kind=kind,
            lift_reason=lift_reason,
            lifted_at=lifted_at,
            lifted_by=lifted_by,
            max_holding_t=max_holding_t,
            measure_id=measure_id,
            price_limit=price_limit,
            product_id=product_id,
            reason=reason,
        )

        measure_public.additional_properties = d
        return measure_public

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
