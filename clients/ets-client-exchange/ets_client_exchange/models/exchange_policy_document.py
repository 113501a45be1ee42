from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fee_rates import FeeRates
    from ..models.surveillance_thresholds import SurveillanceThresholds
    from ..models.trading_session import TradingSession


T = TypeVar("T", bound="ExchangePolicyDocument")


@_attrs_define
class ExchangePolicyDocument:
    """
    Attributes:
        agreement_exempt_t (int | Unset): agreement transfers of at least this size: no band Default: 500000.
        agreement_fees (FeeRates | Unset):
        agreement_limit (int | str | Unset): M-28(1) agreement transfer band Default: '0.30'.
        holidays (list[datetime.date] | Unset): weekdays without trading
        large_holder_report_t (int | Unset): M-28(2) large-holder report at this holding beyond the allocation Default:
            500000.
        lot (int | Unset): quantity unit in tonnes Default: 1.
        market_report_due (str | Unset): M-25/M-42(1): the day's market report is due by this Shanghai time of the
            trading day Default: '18:00:00'.
        max_holding_t (int | Unset): M-28(2), plus a covered entity's allocation Default: 1000000.
        open_bidding_fees (FeeRates | Unset):
        price_limit (int | str | Unset): M-28(1) open bidding band Default: '0.10'.
        risk_reserve_share (int | str | Unset): M-28(4) share of fees Default: '0.20'.
        sessions (list[TradingSession] | Unset): Shanghai local time, start inclusive
        surveillance (SurveillanceThresholds | Unset): The [param]s of M-24 surveillance (`exchange.domain.surveillance`
            says what each pattern is).
        tick (int | str | Unset): price tick in yuan (a multiple of 0.01) Default: '0.01'.
    """

    agreement_exempt_t: int | Unset = 500000
    agreement_fees: FeeRates | Unset = UNSET
    agreement_limit: int | str | Unset = "0.30"
    holidays: list[datetime.date] | Unset = UNSET
    large_holder_report_t: int | Unset = 500000
    lot: int | Unset = 1
    market_report_due: str | Unset = "18:00:00"
    max_holding_t: int | Unset = 1000000
    open_bidding_fees: FeeRates | Unset = UNSET
    price_limit: int | str | Unset = "0.10"
    risk_reserve_share: int | str | Unset = "0.20"
    sessions: list[TradingSession] | Unset = UNSET
    surveillance: SurveillanceThresholds | Unset = UNSET
    tick: int | str | Unset = "0.01"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_exempt_t = self.agreement_exempt_t

        agreement_fees: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agreement_fees, Unset):
            agreement_fees = self.agreement_fees.to_dict()

        agreement_limit: int | str | Unset
        if isinstance(self.agreement_limit, Unset):
            agreement_limit = UNSET
        else:
            agreement_limit = self.agreement_limit

        holidays: list[str] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.isoformat()
                holidays.append(holidays_item)

        large_holder_report_t = self.large_holder_report_t

        lot = self.lot

        market_report_due = self.market_report_due

        max_holding_t = self.max_holding_t

        open_bidding_fees: dict[str, Any] | Unset = UNSET
        if not isinstance(self.open_bidding_fees, Unset):
            open_bidding_fees = self.open_bidding_fees.to_dict()

        price_limit: int | str | Unset
        if isinstance(self.price_limit, Unset):
            price_limit = UNSET
        else:
            price_limit = self.price_limit

        risk_reserve_share: int | str | Unset
        if isinstance(self.risk_reserve_share, Unset):
            risk_reserve_share = UNSET
        else:
            risk_reserve_share = self.risk_reserve_share

        sessions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sessions, Unset):
            sessions = []
            for sessions_item_data in self.sessions:
                sessions_item = sessions_item_data.to_dict()
                sessions.append(sessions_item)

        surveillance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.surveillance, Unset):
            surveillance = self.surveillance.to_dict()

        tick: int | str | Unset
        if isinstance(self.tick, Unset):
            tick = UNSET
        else:
            tick = self.tick

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agreement_exempt_t is not UNSET:
            field_dict["agreement_exempt_t"] = agreement_exempt_t
        if agreement_fees is not UNSET:
            field_dict["agreement_fees"] = agreement_fees
        if agreement_limit is not UNSET:
            field_dict["agreement_limit"] = agreement_limit
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if large_holder_report_t is not UNSET:
            field_dict["large_holder_report_t"] = large_holder_report_t
        if lot is not UNSET:
            field_dict["lot"] = lot
        if market_report_due is not UNSET:
            field_dict["market_report_due"] = market_report_due
        if max_holding_t is not UNSET:
            field_dict["max_holding_t"] = max_holding_t
        if open_bidding_fees is not UNSET:
            field_dict["open_bidding_fees"] = open_bidding_fees
        if price_limit is not UNSET:
            field_dict["price_limit"] = price_limit
        if risk_reserve_share is not UNSET:
            field_dict["risk_reserve_share"] = risk_reserve_share
        if sessions is not UNSET:
            field_dict["sessions"] = sessions
        if surveillance is not UNSET:
            field_dict["surveillance"] = surveillance
        if tick is not UNSET:
            field_dict["tick"] = tick

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fee_rates import FeeRates  # noqa: PLC0415
        from ..models.surveillance_thresholds import SurveillanceThresholds  # noqa: PLC0415
        from ..models.trading_session import TradingSession  # noqa: PLC0415

        d = dict(src_dict)
        agreement_exempt_t = d.pop("agreement_exempt_t", UNSET)

        _agreement_fees = d.pop("agreement_fees", UNSET)
        agreement_fees: FeeRates | Unset
        if isinstance(_agreement_fees, Unset):
            agreement_fees = UNSET
        else:
            agreement_fees = FeeRates.from_dict(_agreement_fees)

        def _parse_agreement_limit(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        agreement_limit = _parse_agreement_limit(d.pop("agreement_limit", UNSET))

        _holidays = d.pop("holidays", UNSET)
        holidays: list[datetime.date] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = datetime.date.fromisoformat(holidays_item_data)

                holidays.append(holidays_item)

        large_holder_report_t = d.pop("large_holder_report_t", UNSET)

        lot = d.pop("lot", UNSET)

        market_report_due = d.pop("market_report_due", UNSET)

        max_holding_t = d.pop("max_holding_t", UNSET)

        _open_bidding_fees = d.pop("open_bidding_fees", UNSET)
        open_bidding_fees: FeeRates | Unset
        if isinstance(_open_bidding_fees, Unset):
            open_bidding_fees = UNSET
        else:
            open_bidding_fees = FeeRates.from_dict(_open_bidding_fees)

        def _parse_price_limit(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        price_limit = _parse_price_limit(d.pop("price_limit", UNSET))

        def _parse_risk_reserve_share(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        risk_reserve_share = _parse_risk_reserve_share(d.pop("risk_reserve_share", UNSET))

        _sessions = d.pop("sessions", UNSET)
        sessions: list[TradingSession] | Unset = UNSET
        if _sessions is not UNSET:
            sessions = []
            for sessions_item_data in _sessions:
                sessions_item = TradingSession.from_dict(sessions_item_data)

                sessions.append(sessions_item)

        _surveillance = d.pop("surveillance", UNSET)
        surveillance: SurveillanceThresholds | Unset
        if isinstance(_surveillance, Unset):
            surveillance = UNSET
        else:
            surveillance = SurveillanceThresholds.from_dict(_surveillance)

        def _parse_tick(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        tick = _parse_tick(d.pop("tick", UNSET))

        exchange_policy_document = cls(
            agreement_exempt_t=agreement_exempt_t,
            agreement_fees=agreement_fees,
            agreement_limit=agreement_limit,
            holidays=holidays,
            large_holder_report_t=large_holder_report_t,
            lot=lot,
            market_report_due=market_report_due,
            max_holding_t=max_holding_t,
            open_bidding_fees=open_bidding_fees,
            price_limit=price_limit,
            risk_reserve_share=risk_reserve_share,
            sessions=sessions,
            surveillance=surveillance,
            tick=tick,
        )

        exchange_policy_document.additional_properties = d
        return exchange_policy_document

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
