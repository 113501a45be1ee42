"""M-23 open bidding: the matching engine (price-time priority, partial fills, IOC, cancel, amend and priority,
self-trade prevention) and its queries."""
import pytest
from ets_shared.errors import Conflict, NotFound

from exchange.domain.order_book import OrderBook
from exchange.domain.orders import (
    BUY, GTC, IOC, SELL, Cancel, Execution, Fill, Level, OrderState,
)


def sell(book, oid, price, qty, account="S", owner=None, tif=GTC):
    return book.submit(oid, account, owner or account, SELL, price, qty, tif)


def buy(book, oid, price, qty, account="B", owner=None, tif=GTC):
    return book.submit(oid, account, owner or account, BUY, price, qty, tif)


def makers(execution):
    return [(f.maker_order_id, f.price_ticks, f.quantity) for f in execution.fills]


def test_m23_price_time_priority_better_price_first_then_earlier_order():
    book = OrderBook()
    sell(book, "late-101", 101, 5, account="S1")
    sell(book, "first-100", 100, 5, account="S2")
    sell(book, "second-100", 100, 5, account="S3")
    sell(book, "cheapest-99", 99, 5, account="S4")
    ex = buy(book, "b", 101, 20)
    assert makers(ex) == [("cheapest-99", 99, 5), ("first-100", 100, 5), ("second-100", 100, 5),
                          ("late-101", 101, 5)]
    book = OrderBook()
    buy(book, "first-100", 100, 5, account="B1")
    buy(book, "best-102", 102, 5, account="B2")
    buy(book, "second-100", 100, 5, account="B3")
    assert makers(sell(book, "s", 100, 12)) == [("best-102", 102, 5), ("first-100", 100, 5), ("second-100", 100, 2)]


def test_m23_trade_at_the_resting_price_within_both_limits_never_beyond_the_incoming_limit():
    book = OrderBook()
    sell(book, "s1", 100, 5)
    sell(book, "s2", 101, 5)
    ex = buy(book, "b1", 100, 8)  # at exactly its limit it trades; one tick beyond it does not
    assert ex.fills == [Fill("s1", "b1", "S", "B", 100, 5)]
    assert ex.resting == 3 and book.best_bid() == 100 and book.best_ask() == 101
    ex = buy(book, "b2", 105, 2)  # a better limit still pays the maker's price
    assert ex.fills == [Fill("s2", "b2", "S", "B", 101, 2)]


def test_m23_partial_fill_rests_the_remainder():
    book = OrderBook()
    sell(book, "s1", 100, 10)
    ex = buy(book, "b1", 100, 4)  # the maker is partly filled and keeps its place
    assert ex == Execution([Fill("s1", "b1", "S", "B", 100, 4)], 0, ())
    assert book.order("s1") == OrderState("s1", "S", "S", SELL, 100, 10, 6)
    ex = buy(book, "b2", 100, 9)  # the taker is partly filled and its remainder rests at its limit
    assert ex == Execution([Fill("s1", "b2", "S", "B", 100, 6)], 3, ())
    assert book.order("s1") is None
    assert book.order("b2") == OrderState("b2", "B", "B", BUY, 100, 9, 3)
    assert book.depth() == ([Level(100, 3, 1)], [])


def test_m23_ioc_never_rests():
    book = OrderBook()
    sell(book, "s1", 100, 5)
    ex = buy(book, "ioc1", 100, 8, tif=IOC)
    assert ex == Execution([Fill("s1", "ioc1", "S", "B", 100, 5)], 0, [Cancel("ioc1", "B", 3, "ioc")])
    ex = buy(book, "ioc2", 99, 8, tif=IOC)  # not marketable at all: cancelled whole
    assert ex == Execution((), 0, [Cancel("ioc2", "B", 8, "ioc")])
    assert "ioc1" not in book and "ioc2" not in book and len(book) == 0 and book.snapshot() == ((), ())
    sell(book, "s2", 100, 5)
    assert buy(book, "ioc3", 100, 5, tif=IOC) == Execution([Fill("s2", "ioc3", "S", "B", 100, 5)], 0, ())


def test_m23_cancel_removes_the_order_and_reports_its_open_quantity():
    book = OrderBook()
    sell(book, "s1", 100, 10)
    sell(book, "s2", 100, 10)
    buy(book, "b1", 100, 4)
    assert book.cancel("s1") == Cancel("s1", "S", 6, "cancel")
    assert makers(buy(book, "b2", 100, 3)) == [("s2", 100, 3)]
    for gone in ("s1", "b2", "never"):  # cancelled, filled, unknown
        with pytest.raises(NotFound):
            book.cancel(gone)
    assert book.cancel("s2") == Cancel("s2", "S", 7, "cancel")
    assert book.best_ask() is None and book.depth() == ([], []) and len(book) == 0


def test_m23_amend_down_keeps_priority_amend_up_or_reprice_loses_it():
    def three_at_100():
        book = OrderBook()
        for oid, account in (("a", "S1"), ("b", "S2"), ("c", "S3")):
            sell(book, oid, 100, 10, account=account)
        return book

    book = three_at_100()
    assert book.amend("a", 100, 6) == Execution((), 6, ())  # size down, same price: keeps its place
    assert [f.maker_order_id for f in buy(book, "x", 100, 30).fills] == ["a", "b", "c"]
    book = three_at_100()
    assert book.amend("a", 100, 10) == Execution((), 10, ())  # unchanged: keeps its place
    assert [f.maker_order_id for f in buy(book, "x", 100, 30).fills] == ["a", "b", "c"]
    book = three_at_100()
    assert book.amend("a", 100, 11) == Execution((), 11, ())  # size up: to the back of the queue
    assert [f.maker_order_id for f in buy(book, "x", 100, 31).fills] == ["b", "c", "a"]
    book = three_at_100()
    book.amend("a", 101, 10)
    book.amend("a", 100, 5)  # back to the price, down in size: still behind b and c
    assert [f.maker_order_id for f in buy(book, "x", 100, 25).fills] == ["b", "c", "a"]


def test_m23_amend_keeps_the_fills_and_a_marketable_new_price_trades_at_once():
    book = OrderBook()
    sell(book, "s1", 101, 10)
    buy(book, "b1", 100, 10)
    sell(book, "s2", 100, 4, account="S2")  # fills 4 of b1
    assert book.order("b1") == OrderState("b1", "B", "B", BUY, 100, 10, 6)
    ex = book.amend("b1", 101, 12)  # 4 filled, 8 open at 101: 8 from s1
    assert ex == Execution([Fill("s1", "b1", "S", "B", 101, 8)], 0, ())
    assert book.order("s1").remaining == 2 and "b1" not in book
    buy(book, "b2", 99, 10)
    ex = book.amend("b2", 101, 5)  # 2 trade, 3 rest at 101 with the order's total of 5
    assert ex == Execution([Fill("s1", "b2", "S", "B", 101, 2)], 3, ())
    assert book.order("b2") == OrderState("b2", "B", "B", BUY, 101, 5, 3)


def test_m23_amend_to_at_or_below_the_filled_quantity_cancels_the_remainder():
    book = OrderBook()
    sell(book, "s1", 100, 10)
    buy(book, "b1", 100, 4)
    assert book.amend("s1", 100, 4) == Execution((), 0, [Cancel("s1", "S", 6, "amend")])
    assert "s1" not in book
    sell(book, "s2", 100, 10)
    assert book.amend("s2", 100, 1) == Execution((), 1, ())  # nothing filled yet: 1 open
    assert book.amend("s2", 100, 0) == Execution((), 0, [Cancel("s2", "S", 1, "amend")])
    with pytest.raises(NotFound):
        book.amend("s2", 100, 5)


def test_m23_self_trade_prevention_cancels_the_resting_order_of_the_same_owner():
    book = OrderBook()
    sell(book, "other-1", 100, 3, account="S1")
    sell(book, "own", 100, 5, account="MEMBER", owner="M1")
    sell(book, "other-2", 101, 5, account="S2")
    ex = book.submit("mine", "CLIENT", "M1", BUY, 101, 6, GTC)  # a client of member M1: the same owner
    assert ex == Execution([Fill("other-1", "mine", "S1", "CLIENT", 100, 3),
                            Fill("other-2", "mine", "S2", "CLIENT", 101, 3)], 0,
                           [Cancel("own", "MEMBER", 5, "self_trade")])
    assert "own" not in book and book.order("other-2").remaining == 2
    ex = book.submit("mine-2", "MEMBER", "M1", SELL, 99, 2, IOC)  # no own order in its way: trades normally
    assert ex == Execution((), 0, [Cancel("mine-2", "MEMBER", 2, "ioc")])


def test_m23_self_trade_prevention_leaves_own_orders_out_of_reach_alone():
    book = OrderBook()
    sell(book, "s", 100, 5, account="S1")
    sell(book, "own-far", 105, 5, account="A", owner="O")
    ex = book.submit("b", "A", "O", BUY, 100, 10, GTC)
    assert ex == Execution([Fill("s", "b", "S1", "A", 100, 5)], 5, ())
    assert "own-far" in book  # beyond the incoming limit: untouched
    sell(book, "own-near", 100, 5, account="A2", owner="O")  # crosses its own bid: that bid is cancelled
    assert book.snapshot() == ((), ((100, (("own-near", "A2", "O", 5, 5),)),
                                     (105, (("own-far", "A", "O", 5, 5),))))


def test_m23_an_order_id_on_the_book_cannot_be_reused_and_bad_values_are_refused():
    book = OrderBook()
    sell(book, "s1", 100, 5)
    with pytest.raises(Conflict):
        buy(book, "s1", 99, 5)
    for bad in (dict(side="short"), dict(tif="FOK"), dict(qty=0), dict(price=0)):
        args = dict(side=BUY, tif=GTC, qty=1, price=99) | bad
        with pytest.raises(ValueError):
            book.submit("x", "B", "B", args["side"], args["price"], args["qty"], args["tif"])
    assert book.snapshot() == ((), ((100, (("s1", "S", "S", 5, 5),)),))


def test_m23_queries_depth_best_prices_resting_orders_and_snapshot():
    book = OrderBook()
    assert (book.best_bid(), book.best_ask(), book.depth(), book.resting_orders()) == (None, None, ([], []), [])
    for oid, price in (("b1", 98), ("b2", 99), ("b3", 99), ("b4", 97)):
        buy(book, oid, price, 10)
    for oid, price in (("s1", 101), ("s2", 102)):
        sell(book, oid, price, 5)
    book.cancel("b2")
    book.cancel("b3")  # the emptied best level disappears
    assert book.best_bid() == 98 and book.best_ask() == 101
    assert book.depth(2) == ([Level(98, 10, 1), Level(97, 10, 1)], [Level(101, 5, 1), Level(102, 5, 1)])
    assert [o.order_id for o in book.resting_orders()] == ["b1", "b4", "s1", "s2"]
    other = OrderBook()
    for o in book.resting_orders():
        other.submit(o.order_id, o.account_id, o.owner_id, o.side, o.price_ticks, o.quantity)
    assert other.snapshot() == book.snapshot()
    other.amend("b1", 98, 9)
    assert other.snapshot() != book.snapshot()


def test_m23_cancelled_orders_inside_a_queue_keep_the_others_order_and_never_trade():
    book = OrderBook()
    for i in range(5):
        sell(book, f"s{i}", 100, 10, account=f"S{i}")
    sell(book, "s-101", 101, 10, account="S9")
    for gone in ("s1", "s3", "s0"):
        book.cancel(gone)
    assert book.depth() == ([], [Level(100, 20, 2), Level(101, 10, 1)])
    assert [o.order_id for o in book.resting_orders()] == ["s2", "s4", "s-101"]
    assert makers(buy(book, "b", 101, 25)) == [("s2", 100, 10), ("s4", 100, 10), ("s-101", 101, 5)]
    book.cancel("s-101")  # the best ask's only order gone: no best ask, though its queue is not swept yet
    assert book.best_ask() is None and book.depth() == ([], []) and book.snapshot() == ((), ())


def test_m23_a_long_queue_thinned_by_cancels_is_compacted_without_changing_the_book():
    book, kept = OrderBook(), []
    for i in range(3000):
        sell(book, f"s{i}", 100, 1, account=f"S{i}")
    for i in range(3000):
        if i % 300 == 7:
            kept.append(f"s{i}")
        else:
            book.cancel(f"s{i}")  # far more than the live ones: the level is compacted on the way
    assert len(book) == 10 and book.depth() == ([], [Level(100, 10, 10)])
    assert book.snapshot() == ((), ((100, tuple((oid, f"S{oid[1:]}", f"S{oid[1:]}", 1, 1) for oid in kept)),))
    assert [f.maker_order_id for f in buy(book, "b", 100, 10).fills] == kept
    assert len(book) == 0 and book.best_ask() is None


def test_m23_depth_shows_five_levels_a_side_by_default_or_as_many_as_asked():
    book = OrderBook()
    for i in range(7):
        buy(book, f"b{i}", 90 - i, 1)
        sell(book, f"s{i}", 110 + i, 1)
    bids, asks = book.depth()
    assert [lv.price_ticks for lv in bids] == [90, 89, 88, 87, 86] and [lv.price_ticks for lv in asks] == [
        110, 111, 112, 113, 114]
    assert book.depth(1) == ([Level(90, 1, 1)], [Level(110, 1, 1)])


def test_m23_amend_of_an_order_not_on_the_book_names_order_id_and_a_price_of_one_tick_is_valid():
    book = OrderBook()
    with pytest.raises(NotFound) as e:
        book.amend("never", 100, 1)
    assert e.value.field == "order_id"
    with pytest.raises(NotFound) as e:
        book.cancel("never")
    assert e.value.field == "order_id"
    buy(book, "b1", 5, 3)
    assert book.amend("b1", 1, 3) == Execution((), 3, ())
    assert book.order("b1").price_ticks == 1
    with pytest.raises(ValueError):
        book.amend("b1", 0, 3)


def test_m23_amending_a_partly_filled_order_down_at_its_price_leaves_the_new_total_less_the_fills_open():
    book = OrderBook()
    sell(book, "s1", 100, 10)
    buy(book, "b1", 100, 4)
    assert book.amend("s1", 100, 8) == Execution((), 4, ())
    assert book.order("s1") == OrderState("s1", "S", "S", SELL, 100, 8, 4)
    assert book.depth() == ([], [Level(100, 4, 1)])


def test_m23_a_reused_order_id_names_order_id_and_a_price_of_one_tick_rests():
    book = OrderBook()
    assert buy(book, "b1", 1, 2) == Execution((), 2, ())
    with pytest.raises(Conflict) as e:
        sell(book, "b1", 1, 1)
    assert e.value.field == "order_id"


@pytest.mark.parametrize("quantity", [4095, 4096, 4097])
def test_m23_an_order_that_only_rests_reports_its_whole_quantity_resting_at_any_size(quantity):
    assert buy(OrderBook(), "b1", 100, quantity) == Execution((), quantity, ())
