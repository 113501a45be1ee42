"""The benchmark's streams (`ets bench-engine`) are what the README says they are: the realistic mix has about
25 % cancels and 30 % marketable orders, and every command is meaningful when replayed."""
from exchange.domain.order_book import OrderBook
from exchange.entrypoints.engine_streams import AMEND, CANCEL, LIMIT_UP, SUBMIT, limit_queue, realistic_mix


def replay(ops):
    book, marketable, traded = OrderBook(), 0, 0
    for kind, args in ops:
        if kind == SUBMIT:
            _, _, _, side, price, _, _ = args
            best = book.best_ask() if side == "buy" else book.best_bid()
            marketable += best is not None and (price >= best if side == "buy" else price <= best)
            traded += bool(book.submit(*args).fills)
        elif kind == CANCEL:
            book.cancel(args)  # NotFound if the stream named an order not resting
        else:
            book.amend(*args)
    return book, marketable, traded


def test_the_realistic_mix_has_a_quarter_cancels_and_three_tenths_marketable_orders():
    ops, snapshot = realistic_mix(20_000, 7, 500)
    book, marketable, traded = replay(ops)
    share = {k: sum(1 for kind, _ in ops if kind == k) / len(ops) for k in (SUBMIT, CANCEL, AMEND)}
    assert abs(share[CANCEL] - 0.25) < 0.02 and abs(share[AMEND] - 0.05) < 0.01
    assert abs(marketable / len(ops) - 0.30) < 0.02 and traded / len(ops) > 0.25
    assert book.snapshot() == snapshot and 300 < len(book) < 700


def test_the_limit_queue_keeps_one_long_queue_at_the_limit_price():
    ops, snapshot = limit_queue(20_000, 7, 5_000)
    book, _, traded = replay(ops)
    assert book.snapshot() == snapshot and traded > 0
    assert book.depth(1)[0][0].price_ticks == LIMIT_UP and book.depth(1)[0][0].orders > 4_000
