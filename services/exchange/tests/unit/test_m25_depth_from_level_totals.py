"""M-25's depth feed from the book's own level totals: after every command of random streams (submits that fill,
rest and cancel by self-trade prevention, IOC rests, cancels, amends in place and away, with the dead entries
compacted often or never, the top cleaned by best-price reads or not), `depth(n)` is what sorting every price and
summing every live order of a level gives (the former `_depth`) — for every n, 0 and below meaning every level."""
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.domain import order_book
from exchange.domain.order_book import OrderBook
from exchange.domain.orders import BUY, SELL, Level

from .test_order_book_properties import commands, run


def walked(book: OrderBook, levels: int) -> tuple[list[Level], list[Level]]:
    """The depth as it was computed before the level totals: every key sorted, every order of a level walked."""
    def side(levels_by_key: dict, sign: int) -> list[Level]:
        out: list[Level] = []
        for k in sorted(levels_by_key):
            live = [o[order_book.REMAINING] for o in levels_by_key[k] if o[order_book.REMAINING]]
            if live:
                out.append(Level(sign * k, sum(live), len(live)))
                if len(out) == levels:
                    break
        return out
    return side(book._bids, -1), side(book._asks, 1)


def depth_agrees_at_every_step(stream, read_best: bool) -> None:
    book = OrderBook()
    for _args, _result, _before in run(book, stream):
        for n in (-1, 0, 1, 2, 5, 100):
            assert book.depth(n) == walked(book, n), n
        if read_best:
            book.best_bid(), book.best_ask()  # drop the dead entries and emptied levels at the top


@settings(max_examples=300, deadline=None)
@given(commands, st.booleans())
def test_m25_depth_from_level_totals_is_the_sorted_walk(stream, read_best):
    depth_agrees_at_every_step(stream, read_best)
    with patch.object(order_book, "_COMPACT_AT", 0):  # dead entries compacted whenever they outnumber live orders
        depth_agrees_at_every_step(stream, read_best)


def test_m25_depth_reads_the_best_levels_of_a_long_side_without_walking_its_queues():
    """Many prices and long queues: the five best are the five best of the walk, with each level's live totals."""
    book = OrderBook()
    for n in range(3000):
        book.submit(f"b{n}", "acct", f"owner{n % 7}", BUY, 100 + n % 60, 1 + n % 5)
        book.submit(f"s{n}", "acct", f"owner{n % 7}", SELL, 200 + n % 60, 1 + n % 5)
    for n in range(0, 3000, 3):
        book.cancel(f"b{n}")
    book.submit("sweep", "acct", "taker", SELL, 150, 4000)
    bids, asks = book.depth(5)
    assert (bids, asks) == walked(book, 5) and len(bids) == len(asks) == 5
    assert asks[0].price_ticks == 150  # what the sweep left rests at its limit, below the offers from 200 up
