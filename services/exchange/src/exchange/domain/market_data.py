"""A product's trading day from its trades (M-25): open, high, low, close, volume and turnover.

Open, high and low are of the day's open-bidding trades; the close is their volume-weighted average price (the
same VWAP that sets the next day's price limits, M-28(1)), or the previous close when the product did not trade in
open bidding. Agreement transfers are counted apart (their own volume and turnover): they are negotiated between
named parties, not discovered by the book. Prices are integer cents, trades in the order they happened.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ets_shared.clock import REGULATORY_TZ

from exchange.domain.policy import OPEN_BIDDING, TradingRules, vwap_cents


@dataclass(frozen=True)
class DayTrade:
    mode: str
    price_cents: int
    quantity: int


@dataclass(frozen=True)
class DaySummary:
    open: int | None
    high: int | None
    low: int | None
    close: int | None
    volume: int
    turnover_cents: int
    trades: int
    agreement_volume: int
    agreement_turnover_cents: int


def summarise(trades: list[DayTrade], previous_close: int | None, tick_cents: int = 1) -> DaySummary:
    bidding = [t for t in trades if t.mode == OPEN_BIDDING]
    agreed = [t for t in trades if t.mode != OPEN_BIDDING]
    prices = [t.price_cents for t in bidding]
    close = vwap_cents([(t.price_cents, t.quantity) for t in bidding], tick_cents)
    return DaySummary(
        open=prices[0] if prices else None, high=max(prices, default=None), low=min(prices, default=None),
        close=close if close is not None else previous_close,
        volume=sum(t.quantity for t in bidding), turnover_cents=sum(t.price_cents * t.quantity for t in bidding),
        trades=len(trades), agreement_volume=sum(t.quantity for t in agreed),
        agreement_turnover_cents=sum(t.price_cents * t.quantity for t in agreed))


def day_closes_at(rules: TradingRules, day: date) -> datetime:
    """When the day's last session ends (Shanghai time): its report is due from then on."""
    return datetime.combine(day, max(end for _, end in rules.sessions), REGULATORY_TZ)
