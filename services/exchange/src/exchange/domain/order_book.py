"""A continuous limit order book per product (M-23 open bidding): price-time priority, integer-tick prices.

Stand-in with the interface of issue-5e's engine (replaced by it on merge): submit / cancel / amend, best bid and
ask, depth, snapshot. Self-trade prevention: an incoming order never matches a resting order of the same owner;
its remainder is cancelled (cancel newest).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum


class Side(StrEnum):
    BUY = "BUY"
    SELL = "SELL"


class TimeInForce(StrEnum):
    GTC = "GTC"
    IOC = "IOC"


@dataclass(frozen=True)
class Fill:
    maker_order_id: str
    taker_order_id: str
    maker_account_id: str
    taker_account_id: str
    taker_side: Side
    price_ticks: int
    quantity: int


@dataclass
class SubmitResult:
    fills: list[Fill] = field(default_factory=list)
    resting: int = 0  # quantity of the incoming order left resting in the book
    cancelled: int = 0  # quantity of the incoming order cancelled (IOC remainder, self-trade prevention)
    self_trade_prevented: bool = False


@dataclass
class _Resting:
    order_id: str
    account_id: str
    owner_id: str
    side: Side
    price_ticks: int
    quantity: int


class OrderBook:
    def __init__(self) -> None:
        self._levels: dict[Side, dict[int, deque[_Resting]]] = {Side.BUY: {}, Side.SELL: {}}
        self._orders: dict[str, _Resting] = {}

    def submit(self, order_id: str, account_id: str, owner_id: str, side: Side, price_ticks: int, quantity: int,
               tif: TimeInForce = TimeInForce.GTC) -> SubmitResult:
        if order_id in self._orders:
            raise KeyError(f"order {order_id} is already in the book")
        result = SubmitResult()
        left = quantity
        opposite = self._levels[Side.SELL if side is Side.BUY else Side.BUY]
        while left and opposite:
            best = min(opposite) if side is Side.BUY else max(opposite)
            if (side is Side.BUY and best > price_ticks) or (side is Side.SELL and best < price_ticks):
                break
            queue = opposite[best]
            maker = queue[0]
            if maker.owner_id == owner_id:
                result.self_trade_prevented = True
                break
            traded = min(left, maker.quantity)
            result.fills.append(Fill(maker.order_id, order_id, maker.account_id, account_id, side, best, traded))
            left -= traded
            maker.quantity -= traded
            if not maker.quantity:
                queue.popleft()
                del self._orders[maker.order_id]
                if not queue:
                    del opposite[best]
        if left and tif is TimeInForce.GTC and not result.self_trade_prevented:
            self._rest(_Resting(order_id, account_id, owner_id, side, price_ticks, left))
            result.resting = left
        else:
            result.cancelled = left
        return result

    def _rest(self, order: _Resting) -> None:
        self._levels[order.side].setdefault(order.price_ticks, deque()).append(order)
        self._orders[order.order_id] = order

    def cancel(self, order_id: str) -> int:
        """Remove a resting order; the quantity it still had (0 when it is not in the book)."""
        order = self._orders.pop(order_id, None)
        if order is None:
            return 0
        levels = self._levels[order.side]
        levels[order.price_ticks].remove(order)
        if not levels[order.price_ticks]:
            del levels[order.price_ticks]
        return order.quantity

    def amend(self, order_id: str, price_ticks: int, quantity: int) -> SubmitResult:
        """New price and/or open quantity. Only a smaller quantity at the same price keeps its place in the queue;
        anything else is a cancel and a new entry (which may match at once)."""
        order = self._orders.get(order_id)
        if order is None:
            raise KeyError(f"order {order_id} is not in the book")
        if price_ticks == order.price_ticks and quantity <= order.quantity:
            order.quantity = quantity
            if not quantity:
                self.cancel(order_id)
            return SubmitResult(resting=quantity)
        self.cancel(order_id)
        return self.submit(order_id, order.account_id, order.owner_id, order.side, price_ticks, quantity)

    def remaining(self, order_id: str) -> int:
        order = self._orders.get(order_id)
        return order.quantity if order else 0

    def best_bid(self) -> int | None:
        return max(self._levels[Side.BUY], default=None)

    def best_ask(self) -> int | None:
        return min(self._levels[Side.SELL], default=None)

    def depth(self, levels: int = 5) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        bids = sorted(self._levels[Side.BUY].items(), reverse=True)[:levels]
        asks = sorted(self._levels[Side.SELL].items())[:levels]
        return ([(p, sum(o.quantity for o in q)) for p, q in bids], [(p, sum(o.quantity for o in q)) for p, q in asks])

    def snapshot(self) -> tuple[tuple[str, str, int, int], ...]:
        """Every resting order in priority order per side: (order_id, side, price_ticks, quantity)."""
        rows = []
        for side, reverse in ((Side.BUY, True), (Side.SELL, False)):
            for price in sorted(self._levels[side], reverse=reverse):
                rows.extend((o.order_id, side.value, price, o.quantity) for o in self._levels[side][price])
        return tuple(rows)
