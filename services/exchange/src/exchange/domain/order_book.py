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
- Self-trade prevention, "cancel resting" (the "cancel oldest" mode major exchanges offer): an incoming order
  never trades with a resting order of the same `owner_id` (the beneficial owner, as the service defines it). When
  matching reaches such a resting order, that resting order is cancelled (reason "self_trade", listed in
  `cancels`) and matching goes on with the next one. Only resting orders the incoming order would otherwise have
  traded with are cancelled; the incoming order keeps its full quantity and its priority.
- Errors: a duplicate order id (of a resting order) -> `Conflict`; cancel or amend of an order not resting (unknown,
  filled, cancelled) -> `NotFound`; a bad side or time in force, a quantity or price below 1 -> `ValueError`
  (a programming error: the service validates input at its edge before it reaches the book).
- Determinism: the book reads no clock and no randomness; replaying the same commands on a new book gives the same
  results and an equal `snapshot()` (what journal-based recovery relies on).

Inside: a resting order is a 7-item list (indexed by `ID` .. `REMAINING`). Per side, a dict price key -> level
and a heap of the keys (asks: price, bids: -price, so both heaps give the best first); a level is a deque of orders
in time priority with its live totals (open quantity, live orders: what the depth feed shows, kept as orders come
and go). A cancel only takes the order out of the id index and sets its remaining to 0: the dead entry is
skipped and dropped when it reaches the front of its level, and once the dead entries outnumber both the live
orders and `_COMPACT_AT` every level is compacted in one pass, so each operation is O(1) amortised (plus O(log levels)
for a new or used-up price) however long a level's queue grows, e.g. at a price limit. Levels left empty stay until
they reach the top of their heap: every key in a side's dict is in its heap exactly once.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from heapq import heappop, heappush

from ets_shared.errors import Conflict, NotFound

from exchange.domain.orders import (
    AMENDED_AWAY, BUY, CANCELLED, GTC, IOC, IOC_REMAINDER, SELF_TRADE, SELL, Cancel, Execution, Fill, Level,
    OrderState,
)

_NONE: tuple[()] = ()
_new = tuple.__new__  # builds the NamedTuples without their Python-level __new__ (the hot path)
_SHARED = 4096  # an order that only rests returns the shared (immutable) Execution((), quantity, ()) below this
_RESTED = [_new(Execution, (_NONE, q, _NONE)) for q in range(_SHARED)]

# A resting order is a list (building one costs a sixth of a __slots__ object's __init__), indexed by these:
ID, ACCOUNT, OWNER, SIDE, PRICE, QUANTITY, REMAINING = range(7)
_Order = list  # [order_id, account_id, owner_id, side, price_ticks, quantity, remaining]
_COMPACT_AT = 1024  # dead entries always tolerated (beyond it, as many as there are live orders)


class _Level(deque[_Order]):
    """The orders at one price in time priority, and their live totals: `quantity` (open) and `orders` (live, the
    dead entries left out) — kept by every change of a live order, so the depth feed never walks a level's queue."""

    __slots__ = ("quantity", "orders")
    quantity: int
    orders: int


def _level(orders: list[_Order]) -> _Level:
    """A level of these live orders, in this order, with their totals."""
    level = _Level(orders)
    level.quantity = sum(o[REMAINING] for o in orders)
    level.orders = len(orders)
    return level


def _best_first(keys: list[int]) -> Iterator[int]:
    """A heap's keys in ascending order without popping it: O(log n) per key read, however many keys it holds."""
    if not keys:
        return
    size, frontier = len(keys), [(keys[0], 0)]
    while frontier:
        key, at = heappop(frontier)
        yield key
        for child in (2 * at + 1, 2 * at + 2):
            if child < size:
                heappush(frontier, (keys[child], child))


def _state(order: _Order) -> OrderState:
    return _new(OrderState, order)


class OrderBook:
    """One product's continuous order book (see the module docstring for the API and the rules)."""

    __slots__ = ("_orders", "_bids", "_bid_keys", "_asks", "_ask_keys", "_dead")

    def __init__(self) -> None:
        self._orders: dict[str, _Order] = {}
        self._bids: dict[int, _Level] = {}  # key -price
        self._bid_keys: list[int] = []
        self._asks: dict[int, _Level] = {}  # key price
        self._ask_keys: list[int] = []
        self._dead = 0  # cancelled orders still in a level's queue (remaining 0)

    # -- commands ---------------------------------------------------------------------------------------------
    def submit(self, order_id: str, account_id: str, owner_id: str, side: str, price_ticks: int, quantity: int,
               tif: str = GTC) -> Execution:
        orders = self._orders
        if order_id in orders:
            raise Conflict(f"order {order_id} is already on the book", field="order_id")
        if quantity < 1 or price_ticks < 1 or (tif != GTC and tif != IOC):
            raise ValueError(f"quantity {quantity!r}, price {price_ticks!r}, time in force {tif!r}")
        if side == BUY:
            side = BUY
            opposite = self._asks
            opposite_keys = self._ask_keys
            limit = price_ticks
        elif side == SELL:
            side = SELL
            opposite = self._bids
            opposite_keys = self._bid_keys
            limit = -price_ticks
        else:
            raise ValueError(f"side {side!r}")
        fills: list[Fill] | tuple[()] = _NONE  # a list once there is one (an empty tuple is falsy, a list never is)
        cancels: list[Cancel] | tuple[()] = _NONE
        remaining = quantity
        while opposite_keys:  # match from the best opposite level while it crosses (its key <= limit)
            k = opposite_keys[0]
            if k > limit:
                break
            level = opposite[k]
            while level:
                maker = level[0]
                q = maker[REMAINING]
                if not q:  # cancelled earlier and left in the queue
                    level.popleft()
                    self._dead -= 1
                    continue
                if maker[OWNER] == owner_id:  # self-trade prevention: cancel the resting order
                    level.popleft()
                    level.quantity -= q
                    level.orders -= 1
                    del orders[maker[ID]]
                    cancel = _new(Cancel, (maker[ID], maker[ACCOUNT], q, SELF_TRADE))
                    if cancels:
                        cancels.append(cancel)
                    else:
                        cancels = [cancel]
                    continue
                if not fills:
                    fills = []
                if q <= remaining:
                    level.popleft()
                    level.quantity -= q
                    level.orders -= 1
                    del orders[maker[ID]]
                    fills.append(_new(Fill, (maker[ID], order_id, maker[ACCOUNT], account_id, maker[PRICE], q)))
                    remaining -= q
                    if not remaining:
                        break
                else:
                    maker[REMAINING] = q - remaining
                    level.quantity -= remaining
                    fills.append(_new(Fill, (maker[ID], order_id, maker[ACCOUNT], account_id, maker[PRICE],
                                             remaining)))
                    remaining = 0
                    break
            if level:
                break
            heappop(opposite_keys)  # used up, or only cancelled orders left in it
            del opposite[k]
            if not remaining:
                break
        if not remaining:
            return _new(Execution, (fills, 0, cancels))
        if tif == IOC:
            cancel = _new(Cancel, (order_id, account_id, remaining, IOC_REMAINDER))
            if cancels:
                cancels.append(cancel)
            else:
                cancels = [cancel]
            return _new(Execution, (fills, 0, cancels))
        orders[order_id] = order = [order_id, account_id, owner_id, side, price_ticks, quantity, remaining]
        if side is BUY:
            book = self._bids
            key = -price_ticks
        else:
            book = self._asks
            key = price_ticks
        resting = book.get(key)
        if resting is None:
            book[key] = resting = _Level((order,))
            resting.quantity = remaining
            resting.orders = 1
            heappush(self._bid_keys if side is BUY else self._ask_keys, key)
        else:
            resting.append(order)
            resting.quantity += remaining
            resting.orders += 1
        if fills is _NONE and cancels is _NONE and remaining < _SHARED:
            return _RESTED[remaining]
        return _new(Execution, (fills, remaining, cancels))

    def cancel(self, order_id: str) -> Cancel:
        order = self._orders.pop(order_id, None)
        if order is None:
            raise NotFound(f"order {order_id} is not on the book", field="order_id")
        remaining = order[REMAINING]
        order[REMAINING] = 0  # marks it cancelled wherever it is in its level's queue
        level = self._bids[-order[PRICE]] if order[SIDE] is BUY else self._asks[order[PRICE]]
        level.quantity -= remaining
        level.orders -= 1
        self._dead += 1
        if self._dead > _COMPACT_AT and self._dead > len(self._orders):
            self._compact()
        return _new(Cancel, (order_id, order[ACCOUNT], remaining, CANCELLED))

    def amend(self, order_id: str, new_price_ticks: int, new_quantity: int) -> Execution:
        order = self._orders.get(order_id)
        if order is None:
            raise NotFound(f"order {order_id} is not on the book", field="order_id")
        if new_price_ticks < 1:
            raise ValueError(f"price {new_price_ticks!r}")
        filled = order[QUANTITY] - order[REMAINING]
        if new_quantity <= filled:
            cancel = self.cancel(order_id)
            return _new(Execution, (_NONE, 0, [cancel._replace(reason=AMENDED_AWAY)]))
        if new_price_ticks == order[PRICE] and new_quantity <= order[QUANTITY]:
            level = self._bids[-new_price_ticks] if order[SIDE] is BUY else self._asks[new_price_ticks]
            level.quantity -= order[REMAINING] - (new_quantity - filled)
            order[QUANTITY], order[REMAINING] = new_quantity, new_quantity - filled  # keeps its place in the queue
            return _new(Execution, (_NONE, order[REMAINING], _NONE))
        self.cancel(order_id)  # loses time priority: handled as an order arriving now, with its fills
        execution = self.submit(order_id, order[ACCOUNT], order[OWNER], order[SIDE], new_price_ticks,
                                new_quantity - filled, GTC)
        if execution.resting:
            self._orders[order_id][QUANTITY] = new_quantity
        return execution

    def _compact(self) -> None:
        """Drops the dead entries from every level, and the levels left empty: O(book), once the dead entries
        outnumber both the live orders and `_COMPACT_AT`, so O(1) per cancel, amortised."""
        for book, keys in ((self._bids, self._bid_keys), (self._asks, self._ask_keys)):
            for k in list(book):
                live = [o for o in book[k] if o[REMAINING]]
                if live:
                    book[k] = _level(live)
                else:
                    del book[k]
            keys[:] = sorted(book)
        self._dead = 0

    # -- queries ----------------------------------------------------------------------------------------------
    def best_bid(self) -> int | None:
        return -self._bid_keys[0] if self._clean_top(self._bids, self._bid_keys) else None

    def best_ask(self) -> int | None:
        return self._ask_keys[0] if self._clean_top(self._asks, self._ask_keys) else None

    def depth(self, levels: int = 5) -> tuple[list[Level], list[Level]]:
        return self._depth(self._bids, self._bid_keys, -1, levels), self._depth(self._asks, self._ask_keys, 1, levels)

    def order(self, order_id: str) -> OrderState | None:
        order = self._orders.get(order_id)
        return None if order is None else _state(order)

    def resting_orders(self) -> list[OrderState]:
        return [_state(o) for book in (self._bids, self._asks) for k in sorted(book) for o in book[k] if o[REMAINING]]

    def snapshot(self) -> tuple[tuple, tuple]:
        """((bid levels), (ask levels)), best first; a level is (price, ((order_id, account_id, owner_id,
        quantity, remaining), ...) in queue order). Empty levels are left out, so it is the book's logical state."""
        return self._side_snapshot(self._bids, -1), self._side_snapshot(self._asks, 1)

    def __len__(self) -> int:
        return len(self._orders)

    def __contains__(self, order_id: object) -> bool:
        return order_id in self._orders

    # -- inside -----------------------------------------------------------------------------------------------
    def _clean_top(self, book: dict[int, _Level], keys: list[int]) -> bool:
        """Drops emptied levels from the top of a side; True if the side has a (non-empty) best level."""
        while keys:
            top = keys[0]
            level = book[top]
            while level and not level[0][REMAINING]:
                level.popleft()
                self._dead -= 1
            if level:
                return True
            heappop(keys)
            del book[top]
        return False

    @staticmethod
    def _depth(book: dict[int, _Level], keys: list[int], sign: int, levels: int) -> list[Level]:
        """The best `levels` levels with live orders, from the side's heap read best first and the levels' own
        totals: a batch's depth costs the same with 20 or 20,000 resting orders (it sorted every price and walked
        every order of the top levels)."""
        out: list[Level] = []
        for k in _best_first(keys):
            level = book[k]
            if level.orders:
                out.append(Level(sign * k, level.quantity, level.orders))
                if len(out) == levels:
                    break
        return out

    @staticmethod
    def _side_snapshot(book: dict[int, _Level], sign: int) -> tuple:
        levels = ((sign * k, tuple((o[ID], o[ACCOUNT], o[OWNER], o[QUANTITY], o[REMAINING])
                                   for o in book[k] if o[REMAINING])) for k in sorted(book))
        return tuple(level for level in levels if level[1])
