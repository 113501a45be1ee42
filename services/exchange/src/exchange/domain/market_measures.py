"""Emergency measures in abnormal situations (M-29) and what they do to trading (M-28).

The operations desk halts a product or the whole market, or changes the price limit (of one product or all) or the
holding limit (of every account), each with a reason, until it lifts the measure or its end time passes. Rules while
measures are in force:
- a halt refuses every new order, amendment, agreement proposal and confirmation of the halted product (a market halt:
  of all) — 409 naming M-29 and the desk's reason; resting orders survive the halt in the book with their
  reservations and time priority (no trade can happen, as nothing new enters), and may be cancelled;
- a price limit measure replaces the open-bidding band (±rate of the previous close) of its product, or of all
  products when market-wide (a product's own measure wins; the latest of one scope wins); agreement transfers keep
  their own band;
- a holding limit measure replaces `max_holding_t` for every account (a covered entity's allocation still on top).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ets_shared.errors import Conflict, present
from exchange.domain.policy import TradingRules

HALT, PRICE_LIMIT, HOLDING_LIMIT = "halt", "price_limit", "holding_limit"


@dataclass(frozen=True)
class Measure:
    measure_id: str
    kind: str
    product_id: str | None
    reason: str
    price_limit: Decimal | None = None
    max_holding_t: int | None = None


def _applicable(measures: list[Measure], kind: str, product_id: str) -> list[Measure]:
    """Measures of `kind` reaching `product_id`: its own (last listed wins) after the market-wide ones."""
    market = [m for m in measures if m.kind == kind and m.product_id is None]
    own = [m for m in measures if m.kind == kind and m.product_id == product_id]
    return market + own


def require_not_halted(measures: list[Measure], product_id: str) -> None:
    halts = _applicable(measures, HALT, product_id)
    if halts:
        halt = halts[-1]
        scope = f"trading in {product_id}" if halt.product_id else "trading on the whole market"
        raise Conflict(f"{scope} is halted by the exchange ({halt.measure_id}): {halt.reason}; orders, amendments "
                       "and agreement transfers are refused until the halt is lifted (resting orders stay and may be "
                       "cancelled)", field="product_id", article="M-29")


def effective_rules(rules: TradingRules, measures: list[Measure], product_id: str | None) -> TradingRules:
    """The year's rules with the price and holding limits the desk set in their place."""
    if product_id is not None and (limits := _applicable(measures, PRICE_LIMIT, product_id)):
        rules = replace(rules, price_limit=present(limits[-1].price_limit, "a price limit measure's limit"))
    if holdings := [m for m in measures if m.kind == HOLDING_LIMIT]:
        rules = replace(rules, max_holding_t=present(holdings[-1].max_holding_t, "a holding limit measure's limit"))
    return rules


def large_holder_excess(holding: int, allocation: int, threshold: int) -> int | None:
    """M-28(2) 大户报告: the holding beyond the allocation when it is at or above the threshold (以上), else None."""
    beyond = holding - allocation
    return beyond if beyond >= threshold else None
