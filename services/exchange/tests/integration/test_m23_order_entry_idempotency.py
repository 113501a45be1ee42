"""M-23 order entry with an `Idempotency-Key`, through the sequencer (the group commit of `POST /orders`): each
order's request's claim on its key is stamped in the transaction of the batch that places it, so a retry replays the
first answer and never places the order twice — also when the first request's process stopped before storing its
answer — and an order whose claim a retry took over while it waited in the queue is refused alone (409), nothing of
it committed, the rest of its batch placed as if it had never been sent."""
from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ets_shared.clock import utcnow
from ets_shared.contracts.exchange import OrderAccepted, OrderCancelled, TradeExecuted
from ets_shared.envelope import MessageContext
from ets_shared.errors import NotFound
from ets_shared.persistence.tables import IdempotencyRecord, OutboxMessage
from ets_shared.testing.service import eventually
from exchange.adapters.books import books_for
from exchange.service_layer import commands

pytestmark = pytest.mark.asyncio
PRODUCT = "SHEA-2025"


async def traders(market, cash: str, units: int) -> tuple[str, str]:
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    buyer, seller = await market.admit("B"), await market.admit("S")
    await market.fund(buyer, cash)
    await market.deposit_allowances(seller, units)
    return buyer, seller


def order(account: str, side: str, quantity: int) -> dict:
    return {"trading_account_id": account, "product_id": PRODUCT, "side": side, "price": "40.00",
            "quantity": quantity, "time_in_force": "GTC"}


def records(market) -> dict[str, IdempotencyRecord]:
    with market.svc.runtime.session_factory() as session:
        return {r.key: r for r in session.execute(select(IdempotencyRecord)).scalars()}


def outbox(market) -> list[OutboxMessage]:
    with market.svc.runtime.session_factory() as session:
        return list(session.execute(select(OutboxMessage)).scalars())


async def orders_of(market, account: str) -> list[dict]:
    r = await market.client.get(f"/trading-accounts/{account}/orders", headers=market.operator)
    assert r.status_code == 200, r.text
    return r.json()


async def test_m23_order_entry_retry_with_the_same_idempotency_key_replays_and_places_once(market):
    _buyer, seller = await traders(market, "1000.00", 1_000)
    headers = market.member("S") | {"Idempotency-Key": "sell-300"}
    first = await market.client.post("/orders", json=order(seller, "SELL", 300), headers=headers)
    assert first.status_code == 201, first.text
    assert records(market)["sell-300"].committed_at is not None  # stamped by the sequencer's batch

    again = await market.client.post("/orders", json=order(seller, "SELL", 300), headers=headers)
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert [o["order_id"] for o in await orders_of(market, seller)] == [first.json()["order_id"]]
    assert (await market.balances(seller))["units"] == (700, 300)

    # the process stopped after the batch committed, before the answer was stored, and the lease ran out: the
    # retry is told the order was placed, it does not place it a second time
    with market.svc.runtime.session_factory() as session:
        session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == "sell-300").values(
            status_code=None, response_body=None, lease_expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    lost = await market.client.post("/orders", json=order(seller, "SELL", 300), headers=headers)
    assert (lost.status_code, lost.json()["type"]) == (409, "urn:ets:problem:idempotency-response-lost")
    assert len(await orders_of(market, seller)) == 1
    assert (await market.balances(seller))["units"] == (700, 300)


async def test_m23_order_entry_claim_taken_over_in_the_queue_refuses_only_that_order(market):
    """Three keyed orders wait in one batch while the sequencer is busy; the first one's lease runs out and a retry
    takes its claim over. It is refused with 409 `ClaimTakenOver`; the second, which would have been a short sale
    had the first been placed, is placed and fills the bid, the third."""
    buyer, seller = await traders(market, "8012.00", 1_000)  # 200 t at 40.00 + 12.00 fee
    runtime = market.svc.runtime
    sequencer = runtime.sequencer
    with runtime.session_factory() as session:
        books = books_for(session)
    queued = sequencer._queue  # the test must know that the three wait together, in order
    posts: list[asyncio.Task] = []
    books.lock.acquire()  # the sequencer's thread waits for the books with whatever batch it took
    try:
        busy = sequencer.enter("S", commands.PlaceOrder.model_validate(order("X-NOBODY", "SELL", 1)),
                               MessageContext.new("test"))
        await eventually(lambda: queued.qsize() == 0)  # taken: the next orders queue up behind it
        for n, (member, body, key) in enumerate([("S", order(seller, "SELL", 600), "k-lost"),
                                                  ("S", order(seller, "SELL", 600), "k-later"),
                                                  ("B", order(buyer, "BUY", 200), "k-buy")]):
            headers = market.member(member) | {"Idempotency-Key": key, "X-Correlation-Id": f"corr-{key}"}
            posts.append(asyncio.create_task(market.client.post("/orders", json=body, headers=headers)))
            await eventually(lambda n=n: queued.qsize() == n + 1)  # in this arrival order
        with runtime.session_factory() as session:  # the retry takes the first one's claim over
            session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == "k-lost")
                            .values(claim_id="the-retry"))
            session.commit()
    finally:
        books.lock.release()
    lost, later, bid = await asyncio.gather(*posts)
    with pytest.raises(NotFound):  # the order the sequencer was busy with: an account that does not exist
        await asyncio.wrap_future(busy)

    assert lost.status_code == 409 and lost.headers["content-type"].startswith("application/problem+json")
    assert (lost.json()["type"], lost.json()["field"]) == ("urn:ets:problem:idempotency-claim-taken-over",
                                                           "Idempotency-Key")
    assert later.status_code == 201, later.text
    assert bid.status_code == 201 and bid.json()["status"] == "FILLED", bid.text
    assert [(t["sell_order_id"], t["price"], t["quantity"]) for t in bid.json()["trades"]] == [
        (later.json()["order_id"], "40.00", 200)]

    assert [o["order_id"] for o in await orders_of(market, seller)] == [later.json()["order_id"]]
    assert (await market.balances(seller))["units"] == (400, 600)  # 400 resting, 200 sold awaiting delivery
    assert (await market.balances(buyer))["cash"] == ("0.00", "8012.00")
    book = (await market.client.get(f"/products/{PRODUCT}/book", headers=market.operator)).json()
    assert (book["bids"], book["asks"]) == ([], [{"price": "40.00", "quantity": 400}])

    events = outbox(market)
    assert not [e for e in events if e.correlation_id == "corr-k-lost"]
    placed = Counter(e.subject for e in events if e.correlation_id in ("corr-k-later", "corr-k-buy"))
    assert [placed[c.contract.subject] for c in (OrderAccepted, TradeExecuted, OrderCancelled)] == [2, 1, 0]
    stamped = {key: r.committed_at is not None for key, r in records(market).items()}
    assert stamped == {"k-lost": False, "k-later": True, "k-buy": True}
    assert records(market)["k-lost"].status_code is None  # its answer is the retry's to store
