"""M-25 day summary and the M-24 pure patterns: OHLC and the VWAP close from a known set of trades (agreement
transfers counted apart), near the touch, the close's move."""
from __future__ import annotations

from decimal import Decimal

from exchange.domain.market_data import DayTrade, summarise
from exchange.domain.surveillance import close_move, near_touch
from exchange.domain.policy import AGREEMENT, OPEN_BIDDING


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
