"""Market surveillance patterns (M-24: manipulation — wash trading, spoofing, collusion — is prohibited), pure.

The thresholds are `SurveillanceThresholds` of the exchange's per-year policy (`adapters/policy_repository.py`).

- wash trade: both sides of one beneficial owner. A member and the clients whose orders it carries are one owner
  (the engine's `owner_id`); open bidding prevents such a trade (self-trade prevention cancels the resting order),
  and an agreement transfer between them is refused, so what surveillance sees is the attempt: an order that would
  have traded with a resting order of its own owner, at least `wash_min_quantity_t`.
- layering / spoofing: an owner's large orders (at least `layering_min_quantity_t`) placed within
  `layering_distance_ticks` of the best price on their side and cancelled within `layering_window_seconds` of being
  placed; `layering_min_orders` of them within one window raise an alert.
- marking the close: the open-bidding trades of the last `close_window_minutes` of the day's last session moved the
  VWAP close by `close_move_threshold` (以上: inclusive) or more from what it was without them (the previous close
  when nothing traded before them).
"""
from __future__ import annotations

from decimal import Decimal

from exchange.domain.policy import vwap_cents


def near_touch(side: str, price_cents: int, best_cents: int | None, distance_ticks: int, tick_cents: int) -> bool:
    """Is a resting order within `distance_ticks` of the best price on its own side (at it counts)?"""
    if best_cents is None:
        return False
    gap = best_cents - price_cents if side == "BUY" else price_cents - best_cents
    return gap <= distance_ticks * tick_cents


def close_move(before: list[tuple[int, int]], window: list[tuple[int, int]], previous_close: int,
               tick_cents: int = 1) -> tuple[int, int, Decimal] | None:
    """(close, close without the window's trades, relative move) when the window has trades; else None."""
    if not window:
        return None
    close = vwap_cents(before + window, tick_cents)
    reference = vwap_cents(before, tick_cents) or previous_close
    assert close is not None
    return close, reference, abs(Decimal(close - reference)) / Decimal(reference)
