"""M-23 open bidding, property-based: random command streams against the order book, checked against a naive
reference book written straight from the rules (a list scanned for the best price, then the earliest order), and
for the invariants: never crossed after matching, fills at the maker's price within both limits, no self-trade,
quantity conserved, replay gives the identical book."""
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.domain import order_book
from exchange.domain.order_book import OrderBook
from exchange.domain.orders import BUY, GTC, IOC, SELL, Cancel, Fill

OWNERS = ["O1", "O2", "O3", "O4"]


class NaiveBook:
    """The rules, written as plainly as possible: resting orders in one list, in arrival (re-arrival) order."""

    def __init__(self):
        self.resting = []  # [order_id, account, owner, side, price, quantity, remaining]

    def submit(self, oid, account, owner, side, price, qty, tif, total=None):
        fills, cancels, remaining = [], [], qty
        while remaining:
            crossing = [o for o in self.resting if o[3] != side and (o[4] <= price if side == BUY else o[4] >= price)]
            if not crossing:
                break
            best = min(crossing, key=lambda o: o[4] if side == BUY else -o[4])  # min keeps the earliest
            if best[2] == owner:
                self.resting.remove(best)
                cancels.append(Cancel(best[0], best[1], best[6], "self_trade"))
                continue
            q = min(remaining, best[6])
            fills.append(Fill(best[0], oid, best[1], account, best[4], q))
            best[6] -= q
            remaining -= q
            if not best[6]:
                self.resting.remove(best)
        if remaining and tif == IOC:
            cancels.append(Cancel(oid, account, remaining, "ioc"))
        elif remaining:
            self.resting.append([oid, account, owner, side, price, total or qty, remaining])
        return fills, (remaining if tif == GTC else 0), cancels

    def find(self, oid):
        return next((o for o in self.resting if o[0] == oid), None)

    def cancel(self, oid):
        o = self.find(oid)
        self.resting.remove(o)
        return Cancel(oid, o[1], o[6], "cancel")

    def amend(self, oid, price, qty):
        o = self.find(oid)
        filled = o[5] - o[6]
        if qty <= filled:
            self.resting.remove(o)
            return [], 0, [Cancel(oid, o[1], o[6], "amend")]
        if price == o[4] and qty <= o[5]:
            o[5], o[6] = qty, qty - filled
            return [], o[6], []
        self.resting.remove(o)
        return self.submit(oid, o[1], o[2], o[3], price, qty - filled, GTC, total=qty)

    def snapshot(self):
        def side(s, sign):
            prices = sorted({o[4] for o in self.resting if o[3] == s}, key=lambda p: sign * p)
            return tuple((p, tuple(tuple(o[:3] + o[5:]) for o in self.resting if o[3] == s and o[4] == p))
                         for p in prices)
        return side(BUY, -1), side(SELL, 1)


submit = st.tuples(st.just("submit"), st.sampled_from(OWNERS), st.sampled_from([BUY, SELL]),
                   st.integers(95, 105), st.integers(1, 12), st.sampled_from([GTC, GTC, IOC]))
cancel = st.tuples(st.just("cancel"), st.integers(0, 10_000))
amend = st.tuples(st.just("amend"), st.integers(0, 10_000), st.integers(95, 105), st.integers(0, 14))
commands = st.lists(st.one_of(submit, submit, cancel, amend), max_size=80)


def run(book, stream):
    """Applies a command stream; cancels and amends pick among the orders resting (by index) so they mean
    something. Yields (command, result, the book's resting orders before it) for the checks."""
    n = 0
    for command in stream:
        before = {o.order_id: o for o in book.resting_orders()}
        live = sorted(before)
        if command[0] == "submit":
            _, owner, side, price, qty, tif = command
            n += 1
            args = (f"o{n}", f"acct-{owner}-{n % 2}", owner, side, price, qty, tif)
            yield args, book.submit(*args), before
        elif live and command[0] == "cancel":
            oid = live[command[1] % len(live)]
            yield ("cancel", oid), book.cancel(oid), before
        elif live:
            oid = live[command[1] % len(live)]
            yield ("amend", oid, command[2], command[3]), book.amend(oid, command[2], command[3]), before


@settings(max_examples=300, deadline=None)
@given(commands)
def test_m23_matches_the_naive_price_time_reference_book(stream):
    agrees_with_the_naive_book(OrderBook(), stream)
    with patch.object(order_book, "_COMPACT_AT", 0):  # dead entries dropped whenever they outnumber live orders
        agrees_with_the_naive_book(OrderBook(), stream)


def agrees_with_the_naive_book(book, stream):
    naive = NaiveBook()
    for args, result, _ in run(book, stream):
        if args[0] == "cancel":
            expected = naive.cancel(args[1])
            assert result == expected
        else:
            expected = naive.amend(*args[1:]) if args[0] == "amend" else naive.submit(*args)
            assert (list(result.fills), result.resting, list(result.cancels)) == expected
        assert book.snapshot() == naive.snapshot()


@settings(max_examples=300, deadline=None)
@given(commands)
def test_m23_never_crossed_fills_at_the_makers_price_within_both_limits_no_self_trade(stream):
    book = OrderBook()
    for args, result, before in run(book, stream):
        if args[0] == "cancel":
            continue
        if args[0] == "amend":
            taker = before[args[1]]
            owner, side, limit = taker.owner_id, taker.side, args[2]
        else:
            owner, side, limit = args[2], args[3], args[4]
        for fill in result.fills:
            maker = before[fill.maker_order_id]
            assert fill.quantity > 0 and fill.price_ticks == maker.price_ticks
            assert maker.side != side and maker.owner_id != owner
            assert fill.price_ticks <= limit if side == BUY else fill.price_ticks >= limit
        bid, ask = book.best_bid(), book.best_ask()
        assert bid is None or ask is None or bid < ask


@settings(max_examples=300, deadline=None)
@given(commands)
def test_m23_quantity_is_conserved_and_each_orders_filled_part_is_its_fills(stream):
    book = OrderBook()
    entered = traded = cancelled = 0
    filled: dict[str, int] = {}
    for args, result, before in run(book, stream):
        if args[0] == "cancel":
            cancelled += result.quantity
            continue
        if args[0] == "amend":
            old = before[args[1]]
            new_open = args[3] - (old.quantity - old.remaining)
            entered += 0 if new_open <= 0 else new_open - old.remaining  # amended away: its open part is cancelled
        else:
            entered += args[5]
        for f in result.fills:
            traded += f.quantity
            filled[f.maker_order_id] = filled.get(f.maker_order_id, 0) + f.quantity
            filled[f.taker_order_id] = filled.get(f.taker_order_id, 0) + f.quantity
        cancelled += sum(c.quantity for c in result.cancels)
        resting = book.resting_orders()
        assert entered == 2 * traded + cancelled + sum(o.remaining for o in resting)
        assert all(o.quantity - o.remaining == filled.get(o.order_id, 0) for o in resting)
        book.best_bid(), book.best_ask()  # these drop dead entries at the top too
        assert book._dead == dead_entries(book)  # the count that decides when the queues are compacted


def dead_entries(book):
    return sum(1 for side in (book._bids, book._asks) for level in side.values() for o in level
               if not o[order_book.REMAINING])


@settings(max_examples=200, deadline=None)
@given(commands)
def test_m23_replaying_the_commands_on_a_new_book_gives_the_identical_book(stream):
    book = OrderBook()
    history = [(args, result) for args, result, _ in run(book, stream)]
    replayed = OrderBook()
    for args, result in history:
        if args[0] == "cancel":
            again = replayed.cancel(args[1])
        elif args[0] == "amend":
            again = replayed.amend(*args[1:])
        else:
            again = replayed.submit(*args)
        assert again == result
    assert replayed.snapshot() == book.snapshot()
    assert replayed.resting_orders() == book.resting_orders()
    assert replayed.depth(100) == book.depth(100)
