from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SurveillanceThresholds")


@_attrs_define
class SurveillanceThresholds:
    """The [param]s of M-24 surveillance (`exchange.domain.surveillance` says what each pattern is).

    Attributes:
        close_move_threshold (int | str | Unset): an exact decimal as a string Default: '0.02'.
        close_window_minutes (int | Unset):  Default: 10.
        layering_distance_ticks (int | Unset):  Default: 5.
        layering_min_orders (int | Unset):  Default: 3.
        layering_min_quantity_t (int | Unset):  Default: 10000.
        layering_window_seconds (int | Unset):  Default: 60.
        wash_min_quantity_t (int | Unset):  Default: 1.
    """

    close_move_threshold: int | str | Unset = "0.02"
    close_window_minutes: int | Unset = 10
    layering_distance_ticks: int | Unset = 5
    layering_min_orders: int | Unset = 3
    layering_min_quantity_t: int | Unset = 10000
    layering_window_seconds: int | Unset = 60
    wash_min_quantity_t: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        close_move_threshold: int | str | Unset
        if isinstance(self.close_move_threshold, Unset):
            close_move_threshold = UNSET
        else:
            close_move_threshold = self.close_move_threshold

        close_window_minutes = self.close_window_minutes

        layering_distance_ticks = self.layering_distance_ticks

        layering_min_orders = self.layering_min_orders

        layering_min_quantity_t = self.layering_min_quantity_t

        layering_window_seconds = self.layering_window_seconds

        wash_min_quantity_t = self.wash_min_quantity_t

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if close_move_threshold is not UNSET:
            field_dict["close_move_threshold"] = close_move_threshold
        if close_window_minutes is not UNSET:
            field_dict["close_window_minutes"] = close_window_minutes
        if layering_distance_ticks is not UNSET:
            field_dict["layering_distance_ticks"] = layering_distance_ticks
        if layering_min_orders is not UNSET:
            field_dict["layering_min_orders"] = layering_min_orders
        if layering_min_quantity_t is not UNSET:
            field_dict["layering_min_quantity_t"] = layering_min_quantity_t
        if layering_window_seconds is not UNSET:
            field_dict["layering_window_seconds"] = layering_window_seconds
        if wash_min_quantity_t is not UNSET:
            field_dict["wash_min_quantity_t"] = wash_min_quantity_t

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_close_move_threshold(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        close_move_threshold = _parse_close_move_threshold(d.pop("close_move_threshold", UNSET))

        close_window_minutes = d.pop("close_window_minutes", UNSET)

        layering_distance_ticks = d.pop("layering_distance_ticks", UNSET)

        layering_min_orders = d.pop("layering_min_orders", UNSET)

        layering_min_quantity_t = d.pop("layering_min_quantity_t", UNSET)

        layering_window_seconds = d.pop("layering_window_seconds", UNSET)

        wash_min_quantity_t = d.pop("wash_min_quantity_t", UNSET)

        surveillance_thresholds = cls(
            close_move_threshold=close_move_threshold,
            close_window_minutes=close_window_minutes,
            layering_distance_ticks=layering_distance_ticks,
            layering_min_orders=layering_min_orders,
            layering_min_quantity_t=layering_min_quantity_t,
            layering_window_seconds=layering_window_seconds,
            wash_min_quantity_t=wash_min_quantity_t,
        )

        surveillance_thresholds.additional_properties = d
        return surveillance_thresholds

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
