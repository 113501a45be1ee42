"""The matching engine of open bidding (M-23 公开竞价): one continuous limit order book per product (vintage),
price-time priority, pure and in memory. Value types are in `exchange.domain.orders`.

API (prices are integer ticks, quantities integer units; order, account and owner ids are strs):

    book = OrderBook()
    ex = book.submit(order_id, account_id, owner_id, side, price_ticks, quantity, tif)   # side BUY/SELL, tif GTC/IOC
    ex = book.amend(order_id, new_price_ticks, new_quantity)
    c = book.cancel(order_id)                       # -> Cancel(order_id, account_id, quantity, "cancel")
    book.best_bid(), book.best_ask()                # price in ticks, or None
    book.depth(n)                                   # (bids, asks): up to n Level(price, quantity, orders), best first
    book.order(order_id)                            # OrderState of a resting order, or None
    book.resting_orders()                           # every resting OrderState: bids then asks, in priority order
    book.snapshot()                                 # plain nested tuples; equal books have equal snapshots

`submit` and `amend` return an `Execution(fills, resting, cancels)`: the trades in the order they happened (each
`Fill` at the maker's resting price, within both limits), the quantity of this order left resting, and the
unfilled quantities that left the book (`Cancel`, with the reason) so the service can release their reservations.

The rules:
- Price-time priority: an incoming order trades with the best opposite price first and, at one price, with the
  order that rested there first; it trades while the opposite price is at or better than its own limit, at the
  resting (maker's) price. Partial fills: what is left of a GTC order rests at its limit, behind the orders already
  there; what is left of an IOC order is cancelled (reason "ioc") and never rests.
- Amend: `new_quantity` is the order's new total, filled part included (as FIX OrderQty). If it is at or below
  what has already been filled, the order leaves the book: its open remainder is cancelled (reason "amend"), the
  same as a cancel. At the same price with a quantity not above the current one, the order keeps its place in the
  queue (only its open quantity shrinks). A price change, or a quantity increase, loses time priority: the order
  leaves its place and is handled as if it arrived now, keeping its id, its fills and its owner: it may trade
  at once if the new price is marketable, and what is left rests at the back of its new price level.
- Self-trade prevention, "cancel resting" (cancel oldest, as CME's default and Binance's EXPIRE_MAKER): an incoming
  order never trades with a resting order of the same `owner_id` (the beneficial owner, as the service defines
  it). When matching reaches such a resting order, that resting order is cancelled (reason "self_trade", listed
  in `cancels`) and matching goes on with the next one. Only resting orders the incoming order would otherwise
  have traded with are cancelled; the incoming order keeps its full quantity and its priority.
- Errors: a duplicate order id (of a resting order) -> `Conflict`; cancel or amend of an order not resting (unknown,
  filled, cancelled) -> `NotFound`; a bad side or time in force, a quantity or price below 1 -> `ValueError`
  (a programming error: the service validates input at its edge before it reaches the book).
- Determinism: the book reads no clock and no randomness; replaying the same commands on a new book gives the same
  results and an equal `snapshot()` (what journal-based recovery relies on).

Inside: per side a dict price key -> deque of orders (queue order = time priority) and a heap of the keys (asks:
price, bids: -price, so both heaps pop the best first). A level emptied by a cancel stays until it reaches the top
of its heap, where it is dropped; so every key in a side's dict is in its heap exactly once.
"""
from __future__ import annotations

from collections import deque
from heapq import heappop, heappush

from ets_shared.errors import Conflict, NotFound

from exchange.domain.orders import (
    AMENDED_AWAY, BUY, CANCELLED, GTC, IOC, IOC_REMAINDER, SELF_TRADE, SELL, Cancel, Execution, Fill, Level,
    OrderState,
)

_NONE: tuple = ()
_new = tuple.__new__  # builds the NamedTuples without their Python-level __new__ (the hot path)


class _Order:
    __slots__ = ("order_id", "account_id", "owner_id", "side", "price", "quantity", "remaining")

    def __init__(self, order_id: str, account_id: str, owner_id: str, side: str, price: int, quantity: int,
                 remaining: int) -> None:
        self.order_id, self.account_id, self.owner_id, self.side = order_id, account_id, owner_id, side
        self.price, self.quantity, self.remaining = price, quantity, remaining

    def state(self) -> OrderState:
        return OrderState(self.order_id, self.account_id, self.owner_id, self.side, self.price, self.quantity,
                          self.remaining)


class OrderBook:
    """One product's continuous order book (see the module docstring for the API and the rules)."""

    __slots__ = ("_orders", "_bids", "_bid_keys", "_asks", "_ask_keys")

    def __init__(self) -> None:
        self._orders: dict[str, _Order] = {}
        self._bids: dict[int, deque[_Order]] = {}  # key -price
        self._bid_keys: list[int] = []
        self._asks: dict[int, deque[_Order]] = {}  # key price
        self._ask_keys: list[int] = []

    # -- commands ---------------------------------------------------------------------------------------------
    def submit(self, order_id: str, account_id: str, owner_id: str, side: str, price_ticks: int, quantity: int,
               tif: str = GTC) -> Execution:
        if order_id in self._orders:
            raise Conflict(f"order {order_id} is already on the book", field="order_id")
        if tif != GTC and tif != IOC:
            raise ValueError(f"time in force {tif!r}")
        if quantity < 1 or price_ticks < 1:
            raise ValueError("quantity and price must be at least 1")
        if side == BUY:
            side, key, opposite, opposite_keys = BUY, -price_ticks, self._asks, self._ask_keys
            limit = price_ticks
        elif side == SELL:
            side, key, opposite, opposite_keys = SELL, price_ticks, self._bids, self._bid_keys
            limit = -price_ticks
        else:
            raise ValueError(f"side {side!r}")
        fills = cancels = _NONE
        remaining = quantity
        while opposite_keys:  # drop emptied levels at the top, then match if the best opposite price crosses
            top = opposite_keys[0]
            if opposite[top]:
                if top <= limit:
                    remaining, fills, cancels = self._match(order_id, account_id, owner_id, limit, remaining,
                                                            opposite, opposite_keys)
                break
            heappop(opposite_keys)
            del opposite[top]
        if not remaining:
            return _new(Execution, (fills, 0, cancels))
        if tif == IOC:
            cancel = _new(Cancel, (order_id, account_id, remaining, IOC_REMAINDER))
            if cancels is _NONE:
                cancels = [cancel]
            else:
                cancels.append(cancel)
            return _new(Execution, (fills, 0, cancels))
        self._rest(_Order(order_id, account_id, owner_id, side, price_ticks, quantity, remaining), key)
        return _new(Execution, (fills, remaining, cancels))

    def cancel(self, order_id: str) -> Cancel:
        order = self._orders.get(order_id)
        if order is None:
            raise NotFound(f"order {order_id} is not on the book", field="order_id")
        self._unlink(order)
        return _new(Cancel, (order_id, order.account_id, order.remaining, CANCELLED))

    def amend(self, order_id: str, new_price_ticks: int, new_quantity: int) -> Execution:
        order = self._orders.get(order_id)
        if order is None:
            raise NotFound(f"order {order_id} is not on the book", field="order_id")
        if new_price_ticks < 1:
            raise ValueError("price must be at least 1")
        filled = order.quantity - order.remaining
        if new_quantity <= filled:
            self._unlink(order)
            return _new(Execution, (_NONE, 0, [Cancel(order_id, order.account_id, order.remaining, AMENDED_AWAY)]))
        if new_price_ticks == order.price and new_quantity <= order.quantity:
            order.quantity, order.remaining = new_quantity, new_quantity - filled  # keeps its place in the queue
            return _new(Execution, (_NONE, order.remaining, _NONE))
        self._unlink(order)  # loses time priority: handled as an order arriving now
        order.price, order.quantity = new_price_ticks, new_quantity
        if order.side == BUY:
            key, limit, opposite, opposite_keys = -new_price_ticks, new_price_ticks, self._asks, self._ask_keys
        else:
            key, limit, opposite, opposite_keys = new_price_ticks, -new_price_ticks, self._bids, self._bid_keys
        fills = cancels = _NONE
        remaining = new_quantity - filled
        if self._clean_top(opposite, opposite_keys) and opposite_keys[0] <= limit:
            remaining, fills, cancels = self._match(order_id, order.account_id, order.owner_id, limit, remaining,
                                                    opposite, opposite_keys)
        if remaining:
            order.remaining = remaining
            self._rest(order, key)
        return _new(Execution, (fills, remaining, cancels))

    # -- queries ----------------------------------------------------------------------------------------------
    def best_bid(self) -> int | None:
        return -self._bid_keys[0] if self._clean_top(self._bids, self._bid_keys) else None

    def best_ask(self) -> int | None:
        return self._ask_keys[0] if self._clean_top(self._asks, self._ask_keys) else None

    def depth(self, levels: int = 5) -> tuple[list[Level], list[Level]]:
        return self._depth(self._bids, -1, levels), self._depth(self._asks, 1, levels)

    def order(self, order_id: str) -> OrderState | None:
        order = self._orders.get(order_id)
        return None if order is None else order.state()

    def resting_orders(self) -> list[OrderState]:
        return [o.state() for book in (self._bids, self._asks) for k in sorted(book) for o in book[k]]

    def snapshot(self) -> tuple[tuple, tuple]:
        """((bid levels), (ask levels)), best first; a level is (price, ((order_id, account_id, owner_id,
        quantity, remaining), ...) in queue order). Empty levels are left out, so it is the book's logical state."""
        return self._side_snapshot(self._bids, -1), self._side_snapshot(self._asks, 1)

    def __len__(self) -> int:
        return len(self._orders)

    def __contains__(self, order_id: object) -> bool:
        return order_id in self._orders

    # -- inside -----------------------------------------------------------------------------------------------
    def _match(self, taker_id: str, taker_account: str, owner_id: str, limit: int, remaining: int,
               book: dict[int, deque[_Order]], keys: list[int]) -> tuple[int, list | tuple, list | tuple]:
        """Trades `remaining` against `book` (the opposite side) from its best key while the key is <= `limit`."""
        orders = self._orders
        fills = cancels = _NONE
        while keys:
            k = keys[0]
            if k > limit:
                break
            level = book[k]
            while level:
                maker = level[0]
                if maker.owner_id == owner_id:  # self-trade prevention: cancel the resting order
                    level.popleft()
                    del orders[maker.order_id]
                    cancel = _new(Cancel, (maker.order_id, maker.account_id, maker.remaining, SELF_TRADE))
                    if cancels is _NONE:
                        cancels = [cancel]
                    else:
                        cancels.append(cancel)
                    continue
                if fills is _NONE:
                    fills = []
                q = maker.remaining
                if q <= remaining:
                    level.popleft()
                    del orders[maker.order_id]
                    fills.append(_new(Fill, (maker.order_id, taker_id, maker.account_id, taker_account,
                                             maker.price, q)))
                    remaining -= q
                    if not remaining:
                        break
                else:
                    maker.remaining = q - remaining
                    fills.append(_new(Fill, (maker.order_id, taker_id, maker.account_id, taker_account,
                                             maker.price, remaining)))
                    return 0, fills, cancels
            if level:
                break
            heappop(keys)
            del book[k]
            if not remaining:
                break
        return remaining, fills, cancels

    def _rest(self, order: _Order, key: int) -> None:
        self._orders[order.order_id] = order
        if order.side == BUY:
            book, keys = self._bids, self._bid_keys
        else:
            book, keys = self._asks, self._ask_keys
        level = book.get(key)
        if level is None:
            book[key] = level = deque()
            heappush(keys, key)
        level.append(order)

    def _unlink(self, order: _Order) -> None:
        del self._orders[order.order_id]
        if order.side == BUY:
            self._bids[-order.price].remove(order)
        else:
            self._asks[order.price].remove(order)

    @staticmethod
    def _clean_top(book: dict[int, deque[_Order]], keys: list[int]) -> bool:
        """Drops emptied levels from the top of a side; True if the side has a (non-empty) best level."""
        while keys:
            top = keys[0]
            if book[top]:
                return True
            heappop(keys)
            del book[top]
        return False

    @staticmethod
    def _depth(book: dict[int, deque[_Order]], sign: int, levels: int) -> list[Level]:
        out: list[Level] = []
        for k in sorted(book):
            level = book[k]
            if level:
                out.append(Level(sign * k, sum(o.remaining for o in level), len(level)))
                if len(out) == levels:
                    break
        return out

    @staticmethod
    def _side_snapshot(book: dict[int, deque[_Order]], sign: int) -> tuple:
        return tuple((sign * k, tuple((o.order_id, o.account_id, o.owner_id, o.quantity, o.remaining)
                                      for o in book[k]))
                     for k in sorted(book) if book[k])
