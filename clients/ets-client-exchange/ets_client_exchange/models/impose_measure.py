from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.impose_measure_kind import ImposeMeasureKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImposeMeasure")


@_attrs_define
class ImposeMeasure:
    """A halt, a price limit or a holding limit, with the abnormal situation that calls for it; `product_id` null:
    the whole market (a holding limit is always market-wide). Held until lifted, or until `ends_at` if given.

        Attributes:
            kind (ImposeMeasureKind):
            measure_id (str):
            reason (str):
            ends_at (datetime.datetime | None | Unset):
            max_holding_t (int | None | Unset): holding_limit: tonnes per account (plus a covered allocation)
            price_limit (int | None | str | Unset): price_limit: the band, a rate of the previous close
            product_id (None | str | Unset):
    """

    kind: ImposeMeasureKind
    measure_id: str
    reason: str
    ends_at: datetime.datetime | None | Unset = UNSET
    max_holding_t: int | None | Unset = UNSET
    price_limit: int | None | str | Unset = UNSET
    product_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        measure_id = self.measure_id

        reason = self.reason

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        max_holding_t: int | None | Unset
        if isinstance(self.max_holding_t, Unset):
            max_holding_t = UNSET
        else:
            max_holding_t = self.max_holding_t

        price_limit: int | None | str | Unset
        if isinstance(self.price_limit, Unset):
            price_limit = UNSET
        else:
            price_limit = self.price_limit

        product_id: None | str | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "measure_id": measure_id,
                "reason": reason,
            }
        )
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if max_holding_t is not UNSET:
            field_dict["max_holding_t"] = max_holding_t
        if price_limit is not UNSET:
            field_dict["price_limit"] = price_limit
        if product_id is not UNSET:
            field_dict["product_id"] = product_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ImposeMeasureKind(d.pop("kind"))

        measure_id = d.pop("measure_id")

        reason = d.pop("reason")

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_max_holding_t(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_holding_t = _parse_max_holding_t(d.pop("max_holding_t", UNSET))

        def _parse_price_limit(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        price_limit = _parse_price_limit(d.pop("price_limit", UNSET))

        def _parse_product_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_id = _parse_product_id(d.pop("product_id", UNSET))

        impose_measure = cls(
            kind=kind,
            measure_id=measure_id,
            reason=reason,
            ends_at=ends_at,
            max_holding_t=max_holding_t,
            price_limit=price_limit,
            product_id=product_id,
        )

        return impose_measure
