"""The seeded command streams `ets bench-engine` replays on the matching engine (`exchange.domain.order_book`).

Each stream is written against a book of its own, so every command in it is meaningful when replayed (a cancel or
an amend names an order that is resting at that moment), and it comes with that book's final snapshot, which every
replay must reproduce. A command is (SUBMIT, submit's arguments), (CANCEL, order id) or (AMEND, amend's arguments).

- `realistic_mix`: about 40 % passive limit orders (1-20 ticks behind the best opposite price), 30 % marketable
  ones (at the best opposite price or up to 3 ticks through it, a third of them IOC, so they fill fully or
  partly), 25 % cancels of a random resting order and 5 % amends (half a size reduction, half a new price), from
  200 accounts whose orders sometimes meet their own (self-trade prevention). Marketable orders are 1-100 units
  while more than `depth` orders rest and 1-20 below it, so the book hovers around `depth` resting orders.
- `limit_queue`: trading at a price limit (M-28(1)): every bid at the limit price, one queue of about `depth`
  orders (built first), sellers hitting its head, the same shares of cancels (anywhere in the queue) and amends
  (a repriced bid moves a tick or two below the limit).
"""
from __future__ import annotations

import random

from exchange.domain.order_book import OrderBook
from exchange.domain.orders import BUY, GTC, IOC, SELL

SUBMIT, CANCEL, AMEND = 0, 1, 2
REFERENCE = 5_000  # ticks: 50.00 yuan at a 0.01 tick
LIMIT_UP = REFERENCE * 11 // 10


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rnd, self.book, self.n = random.Random(seed), OrderBook(), 0
        self.live: list[str] = []  # ids of orders that rested when submitted (some traded away since)
        self.out: list[tuple] = []
        self.accounts = [f"A{i:03d}" for i in range(200)]

    def cancel_or_amend(self, cancel: bool, moves: tuple[int, ...] = (-2, -1, 1, 2)) -> None:
        rnd, live, book = self.rnd, self.live, self.book
        while live:  # a random resting order (ids that traded away since are dropped on the way)
            i = rnd.randrange(len(live))
            oid = live[i]
            if oid in book:
                break
            live[i] = live[-1]
            live.pop()
        else:
            return
        if cancel:
            live[i] = live[-1]
            live.pop()
            book.cancel(oid)
            self.out.append((CANCEL, oid))
            return
        o = book.order(oid)
        assert o is not None  # resting: `oid in book` above
        filled = o.quantity - o.remaining
        if rnd.random() < 0.5:
            args = (oid, o.price_ticks, filled + max(1, o.remaining // 2))
        else:
            args = (oid, o.price_ticks + rnd.choice(moves), o.quantity)
        book.amend(*args)
        self.out.append((AMEND, args))

    def submit(self, side: str, price: int, quantity: int, tif: str) -> None:
        account = self.rnd.choice(self.accounts)
        self.n += 1
        args = (f"O{self.n}", account, account, side, max(1, price), quantity, tif)
        if self.book.submit(*args).resting:
            self.live.append(args[0])
        self.out.append((SUBMIT, args))

    def result(self) -> tuple[list[tuple], tuple]:
        return self.out, self.book.snapshot()


def realistic_mix(ops: int, seed: int, depth: int) -> tuple[list[tuple], tuple]:
    w = _Writer(seed)
    rnd, book = w.rnd, w.book
    while len(w.out) < ops:
        r = rnd.random()
        if r < 0.30:
            w.cancel_or_amend(r < 0.25)
            continue
        side = BUY if rnd.random() < 0.5 else SELL
        bid, ask = book.best_bid(), book.best_ask()
        bid = bid if bid is not None else (ask - 1 if ask is not None else REFERENCE - 1)
        ask = ask if ask is not None else bid + 1
        marketable = r >= 0.70
        tif = IOC if marketable and rnd.random() < 1 / 3 else GTC
        if side == BUY:
            price = ask + rnd.randint(0, 3) if marketable else ask - rnd.randint(1, 20)
        else:
            price = bid - rnd.randint(0, 3) if marketable else bid + rnd.randint(1, 20)
        w.submit(side, price, rnd.randint(1, 100 if not marketable or len(book) > depth else 20), tif)
    return w.result()


def limit_queue(ops: int, seed: int, depth: int) -> tuple[list[tuple], tuple]:
    w = _Writer(seed)
    rnd, book = w.rnd, w.book
    while len(w.out) < min(depth, ops):
        w.submit(BUY, LIMIT_UP, rnd.randint(1, 100), GTC)
    while len(w.out) < ops:
        r = rnd.random()
        if r < 0.30:
            w.cancel_or_amend(r < 0.25, moves=(-2, -1))  # nothing is bid above the limit
        elif r < 0.70:
            w.submit(BUY, LIMIT_UP, rnd.randint(1, 100), GTC)
        else:
            tif = IOC if rnd.random() < 1 / 3 else GTC
            w.submit(SELL, LIMIT_UP, rnd.randint(1, 100 if len(book) > depth else 20), tif)
    return w.result()


STREAMS = {"mix": realistic_mix, "limit-queue": limit_queue}
