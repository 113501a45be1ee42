"""The exchange's trading rules as pure functions (M-23, M-27, M-28): bands on the tick, inclusive at their
boundaries; fees rounded to the fen; a bid's reservation always covers any fill at its limit or better."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import RuleViolation
from exchange.domain.policy import (
    AGREEMENT, OPEN_BIDDING, TradingRules, cents_text, to_cents, to_yuan, vwap_cents,
)

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


def test_m23_a_saturday_is_not_a_trading_day_nor_a_holiday():
    friday, saturday = date(2026, 5, 22), date(2026, 5, 23)
    assert RULES.trading_day(friday)
    assert not RULES.trading_day(saturday)
    assert not TradingRules(holidays=(friday,)).trading_day(friday)


def test_m23_a_refusal_outside_the_sessions_names_m23():
    for closed in (datetime(2026, 5, 23, 2, 0, tzinfo=timezone.utc), datetime(2026, 5, 20, 8, 0, tzinfo=timezone.utc)):
        with pytest.raises(RuleViolation) as refused:
            RULES.require_in_session(closed)
        assert refused.value.article == "M-23"


@pytest.mark.parametrize("quantity", [1, 2, 100])
def test_m23_any_whole_quantity_is_a_multiple_of_the_default_lot_of_1_t(quantity):
    RULES.require_lot(quantity)


@pytest.mark.parametrize("lot, quantity", [(1, 0), (1, -1), (10, 15), (10, 5)])
def test_m23_a_quantity_below_1_or_off_the_lot_is_refused_naming_quantity(lot, quantity):
    with pytest.raises(RuleViolation) as refused:
        TradingRules(lot=lot).require_lot(quantity)
    assert (refused.value.field, refused.value.article) == ("quantity", "M-23")


def test_m23_a_multiple_of_a_larger_lot_is_accepted():
    TradingRules(lot=10).require_lot(20)


@pytest.mark.parametrize("price", [1, 2, 4000])
def test_m23_any_whole_fen_price_is_on_the_default_tick(price):
    RULES.require_tick(price)


@pytest.mark.parametrize("tick, price", [(1, 0), (1, -5), (5, 4001), (5, 3)])
def test_m23_a_price_below_1_fen_or_off_the_tick_is_refused_naming_price(tick, price):
    with pytest.raises(RuleViolation) as refused:
        TradingRules(tick_cents=tick).require_tick(price)
    assert (refused.value.field, refused.value.article) == ("price", "M-23")


def test_m23_a_multiple_of_a_larger_tick_is_accepted():
    TradingRules(tick_cents=5).require_tick(4005)


def test_m28_bands_round_inward_to_a_larger_tick():
    five = TradingRules(tick_cents=5)
    assert five.band(1000, Decimal("0.10")) == (900, 1100)
    assert five.band(1003, Decimal("0.10")) == (905, 1100)  # 902.7 rounds up to 905, 1103.3 down to 1100
    assert RULES.band(1005, Decimal("0.10")) == (905, 1105)  # 904.5 rounds up, 1105.5 down (never to even)


def test_m28_a_price_exactly_at_either_limit_is_inside_and_a_refusal_names_price_and_m28():
    RULES.require_price_limit(3600, 4000)
    RULES.require_price_limit(4400, 4000)
    RULES.require_agreement_limit(2800, 1, 4000)
    RULES.require_agreement_limit(5200, 1, 4000)
    for refuse in (lambda: RULES.require_price_limit(3599, 4000), lambda: RULES.require_price_limit(4401, 4000),
                   lambda: RULES.require_agreement_limit(2799, 1, 4000),
                   lambda: RULES.require_agreement_limit(5201, 499_999, 4000)):
        with pytest.raises(RuleViolation) as refused:
            refuse()
        assert (refused.value.field, refused.value.article) == ("price", "M-28")


def test_m28_2_a_covered_entity_may_hold_its_allocation_on_top_of_the_limit():
    assert RULES.holding_limit(0) == 1_000_000
    assert RULES.holding_limit(250_000) == 1_250_000


def test_m27_a_fee_of_exactly_half_a_fen_rounds_up_and_so_does_the_reserve_share():
    assert RULES.fee_cents(AGREEMENT, "buyer", 2500) == 3  # 2.5 fen, half up (not to the even 2)
    assert TradingRules(risk_reserve_share=Decimal("0.5")).reserve_share_cents(5) == 3  # 2.5 fen


def test_m26_a_bid_reserves_its_price_and_the_buyers_fee_rounded_up_per_tonne():
    assert RULES.buy_reserve_per_t(OPEN_BIDDING, 1000) == 1002  # 1.5 fen of fee rounds up to 2
    assert RULES.buy_reserve_per_t(AGREEMENT, 4000) == 4004


def test_m23_yuan_and_fen_convert_both_ways_to_two_places():
    assert to_cents(Decimal("40.15")) == 4015
    assert to_yuan(4015) == Decimal("40.15") and str(to_yuan(4000)) == "40.00"
    assert cents_text(4015) == "40.15"


def test_m28_the_close_rounds_half_up_on_the_default_tick_of_one_fen():
    assert vwap_cents([(4000, 1), (4001, 1)]) == 4001  # 40.005 rounds half up, not to the even 40.00
    assert vwap_cents([(4001, 1)]) == 4001  # the default tick is 1 fen
