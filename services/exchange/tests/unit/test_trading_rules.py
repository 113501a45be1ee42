"""The exchange's trading rules as pure functions (M-23, M-27, M-28): bands on the tick, inclusive at their
boundaries; fees rounded to the fen; a bid's reservation always covers any fill at its limit or better."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import RuleViolation
from exchange.domain.policy import OPEN_BIDDING, TradingRules, vwap_cents

RULES = TradingRules()


def test_m28_open_bidding_band_is_10pct_of_the_close_on_the_tick_inclusive():
    assert RULES.band(4000, RULES.price_limit) == (3600, 4400)
    assert RULES.band(4155, RULES.price_limit) == (3740, 4570)  # 37.395 rounds in to 37.40, 45.705 to 45.70
    RULES.require_price_limit(4400, 4000)
    with pytest.raises(RuleViolation):
        RULES.require_price_limit(4401, 4000)


def test_m28_agreement_band_30pct_and_the_size_exemption_at_500000_t():
    RULES.require_agreement_limit(5200, 1, 4000)
    with pytest.raises(RuleViolation):
        RULES.require_agreement_limit(5201, 499_999, 4000)
    RULES.require_agreement_limit(9999, 500_000, 4000)


def test_m27_fees_rounded_half_up_to_the_fen_and_m28_reserve_share():
    assert RULES.fee_cents(OPEN_BIDDING, "buyer", 1_000_000) == 1500  # 0.15 % of 10,000.00
    assert RULES.fee_cents(OPEN_BIDDING, "seller", 333) == 0  # 0.4995 fen
    assert RULES.fee_cents(OPEN_BIDDING, "seller", 334) == 1  # 0.501 fen
    assert RULES.reserve_share_cents(12000) == 2400


@given(limit=st.integers(1, 10_000_00), price_off=st.integers(0, 10_000), quantity=st.integers(1, 1_000_000))
def test_m26_a_bids_reservation_covers_any_fill_at_or_below_its_limit(limit, price_off, quantity):
    price = max(1, limit - price_off)
    turnover = price * quantity
    assert quantity * RULES.buy_reserve_per_t(OPEN_BIDDING, limit) >= turnover + RULES.fee_cents(
        OPEN_BIDDING, "buyer", turnover)


def test_m23_sessions_start_inclusive_end_exclusive_on_trading_days():
    def at(*args: int) -> datetime:
        return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)

    RULES.require_in_session(at(2026, 5, 20, 9, 30))
    RULES.require_in_session(at(2026, 5, 20, 14, 59, 59))
    for closed in (at(2026, 5, 20, 9, 29, 59), at(2026, 5, 20, 11, 30), at(2026, 5, 20, 12, 0),
                   at(2026, 5, 20, 15, 0), at(2026, 5, 24, 10, 0)):
        with pytest.raises(RuleViolation):
            RULES.require_in_session(closed)


def test_m28_close_is_the_vwap_of_the_days_trades_on_the_tick():
    assert vwap_cents([(4000, 100), (4200, 300)]) == 4150
    assert vwap_cents([(4001, 1), (4002, 1)]) == 4002  # 40.015 rounds half up
    assert vwap_cents([]) is None
    assert Decimal(vwap_cents([(4000, 1)], tick_cents=5)) == 4000
