"""The exchange's trading rules for a year (M-20: the exchange's rules, filed with the authority; M-23, M-27, M-28).

Every **[param]** of docs/rules.md §6 is a field of `TradingRules` with the documented default:
- market conventions: price tick 0.01 yuan (`tick_cents`), quantity unit 1 t (`lot`), sessions 09:30-11:30 and
  13:00-15:00 Shanghai time on trading days (Monday to Friday except `holidays`);
- M-28(1): open-bidding prices within +-10 % of the previous close (`price_limit`), agreement transfers within +-30 %
  (`agreement_limit`) unless their quantity is at or above `agreement_exempt_t` (500,000 t, 以上: inclusive);
- M-28(2): an account may hold at most `max_holding_t` (1,000,000 t), a covered entity its year's allocation on top;
- M-28(2): holders at or above `large_holder_report_t` (500,000 t) beyond their allocation are reported (大户报告);
- M-25, M-42(1): the day's market report is due by `market_report_due` (18:00 Shanghai) of the trading day;
- M-27: fees as a rate of turnover per mode and side; M-28(4): `risk_reserve_share` of every fee goes to the risk
  reserve fund.
Prices are integer cents here; bands round inward (a price exactly at +-10 % is inside, one tick beyond is not).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Final

from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import RuleViolation

OPEN_BIDDING: Final = "open_bidding"
AGREEMENT: Final = "agreement"


@dataclass(frozen=True)
class Fees:
    buyer: Decimal
    seller: Decimal


@dataclass(frozen=True)
class TradingRules:
    tick_cents: int = 1
    lot: int = 1
    sessions: tuple[tuple[time, time], ...] = ((time(9, 30), time(11, 30)), (time(13, 0), time(15, 0)))
    holidays: tuple[date, ...] = ()
    price_limit: Decimal = Decimal("0.10")
    agreement_limit: Decimal = Decimal("0.30")
    agreement_exempt_t: int = 500_000
    max_holding_t: int = 1_000_000
    fees: dict[str, Fees] = field(default_factory=lambda: {
        OPEN_BIDDING: Fees(Decimal("0.0015"), Decimal("0.0015")),
        AGREEMENT: Fees(Decimal("0.0010"), Decimal("0.0010"))})
    risk_reserve_share: Decimal = Decimal("0.20")
    large_holder_report_t: int = 500_000
    market_report_due: time = time(18)

    # -- sessions (M-23, market conventions) -------------------------------------------------------------------
    def trading_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def require_in_session(self, now: datetime) -> None:
        local = now.astimezone(REGULATORY_TZ)
        if not self.trading_day(local.date()):
            raise RuleViolation(f"{local.date()} is not a trading day; orders are taken on trading days, "
                                f"{self._hours()} Shanghai time", article="M-23")
        clock = local.time()
        for start, end in self.sessions:
            if start <= clock < end:
                return
        raise RuleViolation(f"outside the trading sessions ({self._hours()} Shanghai time): it is {local:%H:%M} on "
                            f"{local.date()}", article="M-23")

    def _hours(self) -> str:
        return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.sessions)

    # -- quantities and prices ---------------------------------------------------------------------------------
    def require_lot(self, quantity: int) -> None:
        if quantity <= 0 or quantity % self.lot:
            raise RuleViolation(f"quantity must be a positive multiple of the lot ({self.lot} t)", field="quantity",
                                article="M-23")

    def require_tick(self, price_cents: int) -> None:
        if price_cents <= 0 or price_cents % self.tick_cents:
            raise RuleViolation(f"price must be a positive multiple of the tick ({self.tick_cents} fen)",
                                field="price", article="M-23")

    def band(self, close_cents: int, limit: Decimal) -> tuple[int, int]:
        """The lowest and highest allowed price in cents (on the tick), inclusive."""
        low = (Decimal(close_cents) * (1 - limit) / self.tick_cents).to_integral_value(ROUND_CEILING)
        high = (Decimal(close_cents) * (1 + limit) / self.tick_cents).to_integral_value(ROUND_FLOOR)
        return int(low) * self.tick_cents, int(high) * self.tick_cents

    def require_price_limit(self, price_cents: int, close_cents: int) -> None:
        """M-28(1): open bidding within +-price_limit of the previous close."""
        low, high = self.band(close_cents, self.price_limit)
        if not low <= price_cents <= high:
            raise RuleViolation(f"price {cents_text(price_cents)} is outside today's limits "
                                f"{cents_text(low)}-{cents_text(high)} (+-{self.price_limit:%} of the previous "
                                f"close {cents_text(close_cents)})", field="price", article="M-28")

    def require_agreement_limit(self, price_cents: int, quantity: int, close_cents: int) -> None:
        """M-28(1): agreement transfers within +-agreement_limit, no limit at or above the size threshold."""
        if quantity >= self.agreement_exempt_t:
            return
        low, high = self.band(close_cents, self.agreement_limit)
        if not low <= price_cents <= high:
            raise RuleViolation(f"price {cents_text(price_cents)} is outside {cents_text(low)}-{cents_text(high)} "
                                f"(+-{self.agreement_limit:%} of the previous close) and {quantity} t is below "
                                f"the {self.agreement_exempt_t} t exemption", field="price", article="M-28")

    def holding_limit(self, allocation: int) -> int:
        """M-28(2): 1,000,000 t, a covered entity its year's allocation on top."""
        return self.max_holding_t + allocation

    # -- fees (M-27, M-28(4)) ----------------------------------------------------------------------------------
    def fee_cents(self, mode: str, side: str, turnover_cents: int) -> int:
        """The turnover times the rate rounded half up (away from zero) to the fen, in integers: two per fill, 0.61
        -> 0.35 us each. The same as `Decimal` arithmetic, whose product is exact here (a filed rate has at most 8
        digits, a turnover at most 18: within the context's 28)."""
        numerator, denominator = _ratio(getattr(self.fees[mode], side))
        scaled = turnover_cents * numerator
        if scaled >= 0:
            return (2 * scaled + denominator) // (2 * denominator)
        return -((denominator - 2 * scaled) // (2 * denominator))

    def reserve_share_cents(self, fee_cents: int) -> int:
        return int((Decimal(fee_cents) * self.risk_reserve_share).to_integral_value(ROUND_HALF_UP))

    def buy_reserve_per_t(self, mode: str, price_cents: int) -> int:
        """Cash a bid reserves per tonne: the price and the buyer's fee on it rounded up to the fen, so whatever
        fills it at its limit or better is always covered (a fill's fee, rounded half up, never exceeds it)."""
        rate = self.fees[mode].buyer
        return price_cents + int((Decimal(price_cents) * rate).to_integral_value(ROUND_CEILING))


@lru_cache(maxsize=64)
def _ratio(rate: Decimal) -> tuple[int, int]:
    """A rate as the fraction it exactly is (a market has a handful of rates)."""
    return rate.as_integer_ratio()


def cents_text(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


@lru_cache(maxsize=4096)
def to_yuan(cents: int) -> Decimal:
    """Fen as yuan with exactly two places (`Decimal("50.10")`, never `50.1`): the digits shifted, not divided and
    quantized (0.73 against 1.27 us), and made once per amount — a market trades at a few dozen price levels, and
    order entry and settlement write each order's and trade's price and fees into their events. A `Decimal` is
    immutable, so every caller may share one."""
    return Decimal(cents).scaleb(-2)


def vwap_cents(trades: list[tuple[int, int]], tick_cents: int = 1) -> int | None:
    """The day's close: volume-weighted average of (price_cents, quantity) of its open-bidding trades, on the tick."""
    volume = sum(q for _, q in trades)
    if not volume:
        return None
    average = Decimal(sum(p * q for p, q in trades)) / volume / tick_cents
    return int(average.to_integral_value(ROUND_HALF_UP)) * tick_cents
