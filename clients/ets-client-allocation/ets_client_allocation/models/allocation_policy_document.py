from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inclusion_threshold_document import InclusionThresholdDocument


T = TypeVar("T", bound="AllocationPolicyDocument")


@_attrs_define
class AllocationPolicyDocument:
    """
    Attributes:
        surrender_close (datetime.date): M-16: last day; the shortfall check runs at 00:00 the day after
        surrender_open (datetime.date): M-16: first day of the surrender window (Shanghai date, inclusive)
        auction_reserve_price (int | str | Unset): M-9: RMB per allowance; lower bids are not admitted Default: '0.00'.
        ccer_earliest_reduction_date (datetime.date | Unset): M-17: earlier reductions are not eligible Default:
            datetime.date.fromisoformat('2013-01-01').
        ccer_ratio (int | str | Unset): M-17: CCERs may cover at most this share of the year's allocation Default:
            '0.05'.
        exit_recall_ratio (int | str | Unset): M-18: the share of the free allowances already issued for later years
            that is recalled on exit Default: '0.5'.
        exit_report_days (int | Unset): M-18: an exiting entity reports its current-year emissions within this many days
            of its exit Default: 15.
        inclusion_thresholds (list[InclusionThresholdDocument] | Unset): M-5: sector thresholds of coverage
        paid_share (int | str | Unset): M-9: the share of the cap a new plan reserves for paid allocation (auction or
            fixed price) Default: '0'.
        reporting_threshold_t (int | Unset): M-12 ¶2: emitters at or above this many tCO2e a year that are not covered
            must report Default: 10000.
        surrender_days_after_determination (int | Unset): M-16: an entity whose emissions are determined (or raised)
            late may surrender for this many days counted from the determination's day, even past the window's close, before
            it can be in shortfall Default: 30.
    """

    surrender_close: datetime.date
    surrender_open: datetime.date
    auction_reserve_price: int | str | Unset = "0.00"
    ccer_earliest_reduction_date: datetime.date | Unset = datetime.date.fromisoformat("2013-01-01")
    ccer_ratio: int | str | Unset = "0.05"
    exit_recall_ratio: int | str | Unset = "0.5"
    exit_report_days: int | Unset = 15
    inclusion_thresholds: list[InclusionThresholdDocument] | Unset = UNSET
    paid_share: int | str | Unset = "0"
    reporting_threshold_t: int | Unset = 10000
    surrender_days_after_determination: int | Unset = 30
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        surrender_close = self.surrender_close.isoformat()

        surrender_open = self.surrender_open.isoformat()

        auction_reserve_price: int | str | Unset
        if isinstance(self.auction_reserve_price, Unset):
            auction_reserve_price = UNSET
        else:
            auction_reserve_price = self.auction_reserve_price

        ccer_earliest_reduction_date: str | Unset = UNSET
        if not isinstance(self.ccer_earliest_reduction_date, Unset):
            ccer_earliest_reduction_date = self.ccer_earliest_reduction_date.isoformat()

        ccer_ratio: int | str | Unset
        if isinstance(self.ccer_ratio, Unset):
            ccer_ratio = UNSET
        else:
            ccer_ratio = self.ccer_ratio

        exit_recall_ratio: int | str | Unset
        if isinstance(self.exit_recall_ratio, Unset):
            exit_recall_ratio = UNSET
        else:
            exit_recall_ratio = self.exit_recall_ratio

        exit_report_days = self.exit_report_days

        inclusion_thresholds: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.inclusion_thresholds, Unset):
            inclusion_thresholds = []
            for inclusion_thresholds_item_data in self.inclusion_thresholds:
                inclusion_thresholds_item = inclusion_thresholds_item_data.to_dict()
                inclusion_thresholds.append(inclusion_thresholds_item)

        paid_share: int | str | Unset
        if isinstance(self.paid_share, Unset):
            paid_share = UNSET
        else:
            paid_share = self.paid_share

        reporting_threshold_t = self.reporting_threshold_t

        surrender_days_after_determination = self.surrender_days_after_determination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "surrender_close": surrender_close,
                "surrender_open": surrender_open,
            }
        )
        if auction_reserve_price is not UNSET:
            field_dict["auction_reserve_price"] = auction_reserve_price
        if ccer_earliest_reduction_date is not UNSET:
            field_dict["ccer_earliest_reduction_date"] = ccer_earliest_reduction_date
        if ccer_ratio is not UNSET:
            field_dict["ccer_ratio"] = ccer_ratio
        if exit_recall_ratio is not UNSET:
            field_dict["exit_recall_ratio"] = exit_recall_ratio
        if exit_report_days is not UNSET:
            field_dict["exit_report_days"] = exit_report_days
        if inclusion_thresholds is not UNSET:
            field_dict["inclusion_thresholds"] = inclusion_thresholds
        if paid_share is not UNSET:
            field_dict["paid_share"] = paid_share
        if reporting_threshold_t is not UNSET:
            field_dict["reporting_threshold_t"] = reporting_threshold_t
        if surrender_days_after_determination is not UNSET:
            field_dict["surrender_days_after_determination"] = surrender_days_after_determination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inclusion_threshold_document import InclusionThresholdDocument  # noqa: PLC0415

        d = dict(src_dict)
        surrender_close = datetime.date.fromisoformat(d.pop("surrender_close"))

        surrender_open = datetime.date.fromisoformat(d.pop("surrender_open"))

        def _parse_auction_reserve_price(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        auction_reserve_price = _parse_auction_reserve_price(d.pop("auction_reserve_price", UNSET))

        _ccer_earliest_reduction_date = d.pop("ccer_earliest_reduction_date", UNSET)
        ccer_earliest_reduction_date: datetime.date | Unset
        if isinstance(_ccer_earliest_reduction_date, Unset):
            ccer_earliest_reduction_date = UNSET
        else:
            ccer_earliest_reduction_date = datetime.date.fromisoformat(_ccer_earliest_reduction_date)

        def _parse_ccer_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        ccer_ratio = _parse_ccer_ratio(d.pop("ccer_ratio", UNSET))

        def _parse_exit_recall_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        exit_recall_ratio = _parse_exit_recall_ratio(d.pop("exit_recall_ratio", UNSET))

        exit_report_days = d.pop("exit_report_days", UNSET)

        _inclusion_thresholds = d.pop("inclusion_thresholds", UNSET)
        inclusion_thresholds: list[InclusionThresholdDocument] | Unset = UNSET
        if _inclusion_thresholds is not UNSET:
            inclusion_thresholds = []
            for inclusion_thresholds_item_data in _inclusion_thresholds:
                inclusion_thresholds_item = InclusionThresholdDocument.from_dict(inclusion_thresholds_item_data)

                inclusion_thresholds.append(inclusion_thresholds_item)

        def _parse_paid_share(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        paid_share = _parse_paid_share(d.pop("paid_share", UNSET))

        reporting_threshold_t = d.pop("reporting_threshold_t", UNSET)

        surrender_days_after_determination = d.pop("surrender_days_after_determination", UNSET)

        allocation_policy_document = cls(
            surrender_close=surrender_close,
            surrender_open=surrender_open,
            auction_reserve_price=auction_reserve_price,
            ccer_earliest_reduction_date=ccer_earliest_reduction_date,
            ccer_ratio=ccer_ratio,
            exit_recall_ratio=exit_recall_ratio,
            exit_report_days=exit_report_days,
            inclusion_thresholds=inclusion_thresholds,
            paid_share=paid_share,
            reporting_threshold_t=reporting_threshold_t,
            surrender_days_after_determination=surrender_days_after_determination,
        )

        allocation_policy_document.additional_properties = d
        return allocation_policy_document

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
