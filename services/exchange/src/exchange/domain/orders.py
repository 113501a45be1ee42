"""Value types of the matching engine (M-23 open bidding): what `order_book.OrderBook` takes and returns.

Everything here is a plain tuple (NamedTuple) of ints and strs, cheap to build in the hot path and comparable with
`==`, so results can be journaled, compared in tests and replayed. Prices are integer ticks, quantities integer
units; converting Decimal yuan and lots to and from them is the service's job, as is validating the input.
"""
from __future__ import annotations

from typing import NamedTuple

BUY = "buy"
SELL = "sell"
GTC = "GTC"  # good till cancelled: the unfilled remainder rests on the book
IOC = "IOC"  # immediate or cancel: the unfilled remainder is cancelled, it never rests

# Why a quantity left (or never entered) the book without trading, in `Cancel.reason`:
CANCELLED = "cancel"  # `OrderBook.cancel`
IOC_REMAINDER = "ioc"  # the unfilled part of an IOC order
SELF_TRADE = "self_trade"  # a resting order of the incoming order's owner, removed by self-trade prevention
AMENDED_AWAY = "amend"  # amended to a quantity at or below what it had already filled


class Fill(NamedTuple):
    """One trade: the maker is the resting order, the taker the incoming one; the price is the maker's."""
    maker_order_id: str
    taker_order_id: str
    maker_account_id: str
    taker_account_id: str
    price_ticks: int
    quantity: int


class Cancel(NamedTuple):
    """Unfilled quantity of an order that leaves the book (or never rests on it): its reservation can be released."""
    order_id: str
    account_id: str
    quantity: int
    reason: str


class Execution(NamedTuple):
    """What one `submit` or `amend` did.

    `fills` in the order they happened; `resting` is the quantity of the incoming (or amended) order now resting on
    the book (0 if none); `cancels` lists every order whose unfilled quantity left the book in this command (the
    incoming IOC remainder, resting orders removed by self-trade prevention, an order amended away). Empty
    `fills`/`cancels` are the shared empty tuple, non-empty ones lists: treat both as read-only sequences."""
    fills: tuple[Fill, ...] | list[Fill]
    resting: int
    cancels: tuple[Cancel, ...] | list[Cancel]


class OrderState(NamedTuple):
    """A resting order as the book holds it. `quantity` is the order's total (after amends), `remaining` what is
    still open; `quantity - remaining` has been filled."""
    order_id: str
    account_id: str
    owner_id: str
    side: str
    price_ticks: int
    quantity: int
    remaining: int


class Level(NamedTuple):
    """One price level of `OrderBook.depth`: the price, the open quantity summed over its orders, how many."""
    price_ticks: int
    quantity: int
    orders: int
