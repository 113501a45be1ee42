"""M-25 day summary and the M-24 pure patterns: OHLC and the VWAP close from a known set of trades (agreement
transfers counted apart), near the touch, the close's move."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from ets_shared.clock import REGULATORY_TZ
from exchange.domain.market_data import DayTrade, day_closes_at, summarise
from exchange.domain.surveillance import close_move, near_touch
from exchange.domain.policy import AGREEMENT, OPEN_BIDDING, TradingRules


def test_m25_ohlc_and_vwap_close_from_a_known_set_of_trades():
    trades = [DayTrade(OPEN_BIDDING, 4000, 100), DayTrade(OPEN_BIDDING, 4100, 200), DayTrade(AGREEMENT, 5000, 1000),
              DayTrade(OPEN_BIDDING, 3950, 100)]
    s = summarise(trades, previous_close=3900)
    assert (s.open, s.high, s.low) == (4000, 4100, 3950)
    assert s.close == 4038  # (4000*100 + 4100*200 + 3950*100) / 400 = 4037.5 -> half up on the fen
    assert (s.volume, s.turnover_cents, s.trades) == (400, 1_615_000, 4)
    assert (s.agreement_volume, s.agreement_turnover_cents) == (1000, 5_000_000)


def test_m25_no_open_bidding_trade_keeps_the_previous_close():
    s = summarise([DayTrade(AGREEMENT, 5000, 10)], previous_close=3900)
    assert (s.open, s.high, s.low, s.close, s.volume) == (None, None, None, 3900, 0)


def test_m24_near_touch_at_the_distance_counts_one_tick_beyond_does_not():
    assert near_touch("BUY", 3995, 4000, distance_ticks=5, tick_cents=1)
    assert not near_touch("BUY", 3994, 4000, distance_ticks=5, tick_cents=1)
    assert near_touch("SELL", 4005, 4000, distance_ticks=5, tick_cents=1)
    assert not near_touch("SELL", 4006, 4000, distance_ticks=5, tick_cents=1)
    assert not near_touch("SELL", 4000, None, distance_ticks=5, tick_cents=1)


def test_m24_close_move_against_the_close_without_the_window():
    assert close_move([(4000, 100)], [], 3900) is None
    assert close_move([(4000, 100)], [(4400, 100)], 3900) == (4200, 4000, Decimal("0.05"))
    assert close_move([], [(4100, 10)], 4000) == (4100, 4000, Decimal("0.025"))


def test_m25_the_day_closes_at_the_end_of_its_last_session_shanghai_time():
    assert day_closes_at(TradingRules(), date(2026, 5, 20)) == datetime(2026, 5, 20, 15, 0, tzinfo=REGULATORY_TZ)
    late = TradingRules(sessions=((time(13, 0), time(16, 30)), (time(9, 30), time(11, 30))))
    assert day_closes_at(late, date(2026, 5, 20)) == datetime(2026, 5, 20, 16, 30, tzinfo=REGULATORY_TZ)


def test_m25_the_close_is_on_the_products_tick():
    s = summarise([DayTrade(OPEN_BIDDING, 4000, 1), DayTrade(OPEN_BIDDING, 4010, 2)], None, tick_cents=5)
    assert s.close == 4005  # 4006.67 fen on a 5-fen tick


def test_m24_near_touch_distance_counts_ticks_of_the_products_tick_size():
    assert near_touch("BUY", 3975, 4000, distance_ticks=5, tick_cents=5)  # 25 fen = 5 ticks of 5 fen
    assert not near_touch("BUY", 3970, 4000, distance_ticks=5, tick_cents=5)
    assert near_touch("SELL", 4025, 4000, distance_ticks=5, tick_cents=5)


def test_m24_the_close_move_is_measured_on_the_products_tick_and_the_default_tick_is_one_fen():
    assert close_move([(4001, 1)], [(4001, 1), (4002, 1)], 3900, tick_cents=5) == (4000, 4000, Decimal(0))
    assert close_move([(4000, 1)], [(4001, 1)], 3900) == (4001, 4000, Decimal("0.00025"))


def test_m25_the_close_is_on_the_one_fen_tick_by_default():
    assert summarise([DayTrade(OPEN_BIDDING, 4000, 1), DayTrade(OPEN_BIDDING, 4001, 1)], None).close == 4001
