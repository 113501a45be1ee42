"""M-28(2), on SQLite and PostgreSQL: the open bids a batch counts toward an account's holding limit are summed in
memory beside the open orders' records (`books.OpenOrders.bids`), not in the database at every batch. After mixed
batches (fills, IOC rests, self-trade cancels, refusals by the holding limit and by funds, a batch entered again after
a lost claim, a cancel outside the batches) the totals in memory are the database's SUM of the open bids' remaining,
and the same batches with the records read afresh before each (the database's sum every time) give the same answers,
refusals and rows."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.claims import Claim
from exchange.adapters.orm import CashBalanceRow, OrderRow
from exchange.service_layer import commands, order_entry, orders
from exchange.service_layer.settlement import on_transfer_registered

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW, Exchange, exchange_db  # noqa: F401

LOST = Claim(key="taken-over", principal="A", claim_id="gone")  # no such claim: a retry took it over


def near_the_limit(market: Exchange) -> None:
    """A holds 999,000 t: 1,000 t of room under the 1,000,000 t holding limit, which its bids use up."""
    market.event(on_transfer_registered, RegistryTransferRegistered(
        transaction_id="TX-BIG", purpose="exchange_deposit", from_account_id="H-A", from_holder_id="A",
        to_account_id="X-A", to_holder_id="A", lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=979_000)],
        registered_at=NOW))


def entry(trader: str, side: str, price: str, quantity: int, tif: str = "GTC"):
    return trader, commands.PlaceOrder(trading_account_id=f"X-{trader}", product_id="P", side=side, price=price,
                                       quantity=quantity, time_in_force=tif), MessageContext.new("test")


def open_bids_in_the_database(market: Exchange) -> dict[str, int]:
    with market.factory() as session:
        return {a: int(q) for a, q in session.execute(
            select(OrderRow.trading_account_id, func.sum(OrderRow.remaining))
            .where(OrderRow.side == "BUY", OrderRow.status == "OPEN")
            .group_by(OrderRow.trading_account_id)).all() if q}


def open_bids_in_memory(market: Exchange) -> dict[str, int]:
    with market.uow() as uow:
        records = uow.books.records
        assert records is not None, "the records are kept beside the books after a batch"
        return {a: q for a, q in records.bids.items() if q}


def answers(outcomes: list) -> list:
    """Per entry: the refusal's text, or the order's (side, price, remaining, status) and its trades' quantities."""
    return [str(o) if isinstance(o, DomainError) else
            (o[0].side, o[0].price_cents, o[0].remaining, o[0].status, [t.quantity for t in o[1]]) for o in outcomes]


def state(market: Exchange) -> tuple:
    """The orders (as placed, filled, cancelled) and the cash balances the batches left."""
    return (sorted((o.sequence, o.trading_account_id, o.side, o.price_cents, o.remaining, o.status)
                   for o in market.rows(OrderRow)),
            sorted((c.account_id, c.available_cents, c.reserved_cents) for c in market.rows(CashBalanceRow)))


def run(market: Exchange, batches: list[tuple[list, list]], afresh: bool) -> list:
    """Each batch (entries, claims) in turn; `afresh`: the records (and their open bids) forgotten before each, so
    the batch sums the open bids from the database. Checks the totals in memory against the database after each."""
    said = []
    for entries, claims in batches:
        if afresh:
            with market.uow() as uow, uow.books.lock:
                uow.books.records = None
        said.append(answers(order_entry.place_orders(market.uow(), entries, claims)))
        assert open_bids_in_memory(market) == open_bids_in_the_database(market)
    return said


SCENARIO = [
    ([entry("A", "BUY", "40.00", 400), entry("A", "BUY", "39.99", 500), entry("C", "BUY", "40.00", 300)], []),
    ([entry("A", "BUY", "39.98", 101),  # refused: 999,000 + 900 + 101 is over the limit
      entry("B", "SELL", "40.00", 250),  # fills 250 of A's first bid: still counted (bought, not delivered)
      entry("A", "BUY", "39.98", 100)], []),  # exactly at the limit
    ([entry("A", "SELL", "39.99", 50),  # its own bids at 40.00 and 39.99 are cancelled (self-trade): room again
      entry("A", "BUY", "39.97", 600, "IOC"),  # nothing to buy at 39.97: the IOC rest is released at once
      entry("A", "BUY", "39.97", 500)], []),
    ([entry("D", "SELL", "39.00", 2000), entry("A", "BUY", "39.00", 1)], [None, LOST]),  # entered again without A's
    ([entry("A", "BUY", "39.50", 900), entry("C", "BUY", "40.00", 60_000)], []),  # over the limit; beyond C's funds
    ([entry("C", "SELL", "39.00", 1000, "IOC"), entry("A", "BUY", "39.00", 400)], []),
]


def test_m28_open_bids_in_memory_are_the_databases_after_mixed_batches(exchange):  # noqa: F811
    near_the_limit(exchange)
    kept = run(exchange, SCENARIO, afresh=False)
    kept_state = state(exchange)
    assert any("holding limit" in a for said in kept for a in said if isinstance(a, str))
    assert any("available funds" in a for said in kept for a in said if isinstance(a, str))
    assert any(isinstance(a, str) and "took it over" in a for said in kept for a in said)

    Exchange(None, exchange.factory)  # the same market afresh
    near_the_limit(exchange)
    assert run(exchange, SCENARIO, afresh=True) == kept
    assert state(exchange) == kept_state


def test_m28_a_cancel_outside_the_batches_forgets_the_open_bids_with_the_records(exchange):  # noqa: F811
    near_the_limit(exchange)
    run(exchange, [([entry("A", "BUY", "40.00", 1000)], [])], afresh=False)
    bid = exchange.rows(OrderRow, OrderRow.side == "BUY")[0]
    orders.cancel_order("A", bid.order_id, exchange.uow())
    with exchange.uow() as uow:
        assert uow.books.records is None  # read afresh by the next batch, with the open bids
    said = run(exchange, [([entry("A", "BUY", "40.00", 1000), entry("A", "BUY", "40.00", 1)], [])], afresh=False)
    assert said[0][0][3] == "OPEN" and "holding limit" in said[0][1]


batch_stream = st.lists(st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from(["BUY", "SELL"]),
                                           st.integers(3990, 4010), st.sampled_from([1, 50, 300, 700]),
                                           st.sampled_from(["GTC", "GTC", "IOC"])), min_size=1, max_size=8),
                        min_size=1, max_size=6)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=batch_stream)
def test_m28_open_bids_in_memory_hold_over_random_batches(exchange_db, stream):  # noqa: F811
    batches = [([entry(t, side, f"{price / 100:.2f}", q, tif) for t, side, price, q, tif in orders_], [])
                for orders_ in stream]
    market = Exchange(*exchange_db)
    near_the_limit(market)
    kept = run(market, batches, afresh=False)
    kept_state = state(market)
    market = Exchange(*exchange_db)
    near_the_limit(market)
    assert run(market, batches, afresh=True) == kept
    assert state(market) == kept_state
