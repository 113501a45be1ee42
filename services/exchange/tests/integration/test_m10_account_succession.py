"""M-10 at the exchange over a real nats-server and database: an approved merger or split
(`allocation.succession.approved`) passes a predecessor's trading account to its successors — open orders
cancelled (their reservations released, the cancel events saying why), custody allowances and cash apportioned by
the plan's holdings shares (largest remainder, cash to the fen), the predecessor closed to trading unless it
continues — once, however often the approval arrives, and only when nothing of the account is in flight."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from ets_shared.contracts.allocation import EntityRegistered, SuccessionApproved, SuccessorShare
from ets_shared.contracts.exchange import AccountSucceeded, OrderCancelled
from ets_shared.envelope import MessageContext, wrap
from ets_shared.persistence.tables import OutboxMessage

pytestmark = pytest.mark.asyncio


async def covered(market, *entity_ids: str) -> None:
    """Covered entities, each admitted as its self-operating member `M-<id>` with trading account `X-M-<id>`."""
    for entity_id in entity_ids:
        await market.send(EntityRegistered(entity_id=entity_id, name=f"Works {entity_id}", sector="steel",
                                           registered_at=market.sh(2026, 1, 5, 10)))


def approval(market, kind: str, predecessor: str, *successors: tuple[str, str, bool]) -> SuccessionApproved:
    return SuccessionApproved(
        succession_id="SUC-1", kind=kind, predecessor_ids=[predecessor],
        successors=[SuccessorShare(entity_id=e, holdings_share=s, obligations_share=s, continues=c)
                    for e, s, c in successors],
        effective_on=date(2026, 5, 20), transaction_ids=[], obligations=[],
        approved_at=market.sh(2026, 5, 20, 10, 30))


def outbox(market, event: type) -> list[dict]:
    """The envelopes the exchange published of one contract, in order."""
    with market.svc.runtime.session_factory() as session:
        rows = session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject == event.contract.subject).order_by(OutboxMessage.created_at)).scalars()
        return [json.loads(p) for p in rows]


async def member(market, member_id: str) -> dict:
    r = await market.client.get(f"/members/{member_id}", headers=market.operator)
    assert r.status_code == 200, r.text
    return r.json()


async def test_m10_merger_moves_trading_account_orders_cancelled_custody_and_cash_to_survivor(market):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await covered(market, "E-A", "E-S")
    await market.fund("X-M-E-A", "1000.00")
    await market.deposit_allowances("X-M-E-A", 5000, holder="E-A")
    await market.fund("X-M-E-S", "10.00")
    await market.deposit_allowances("X-M-E-S", 100, holder="E-S")
    sell = (await market.order("M-E-A", "X-M-E-A", "SELL", "41.00", 300)).json()
    buy = (await market.order("M-E-A", "X-M-E-A", "BUY", "39.00", 10)).json()
    assert buy["status"] == "OPEN", buy
    assert (await market.balances("X-M-E-A"))["units"] == (4700, 300)

    sent = await market.send(approval(market, "merger", "E-A", ("E-S", "100", False)))

    assert (await market.balances("X-M-E-A")) == {"cash": ("0.00", "0.00"), "units": (0, 0)}
    assert (await market.balances("X-M-E-S")) == {"cash": ("1010.00", "0.00"), "units": (5100, 0)}
    orders = (await market.client.get("/trading-accounts/X-M-E-A/orders", headers=market.operator)).json()
    assert sorted(o["status"] for o in orders) == ["CANCELLED", "CANCELLED"]
    cancels = [e["data"] for e in outbox(market, OrderCancelled)]
    assert {(c["order_id"], c["cause"]) for c in cancels} == {(sell["order_id"], "succession:SUC-1"),
                                                              (buy["order_id"], "succession:SUC-1")}
    [moved] = outbox(market, AccountSucceeded)
    assert moved["correlation_id"] == sent.correlation_id  # the case's correlation id
    assert moved["data"]["successors"] == [{
        "entity_id": "E-S", "member_id": "M-E-S", "trading_account_id": "X-M-E-S", "holdings_share": "100",
        "cash": "1000.00", "allowances": [{"vintage": 2025, "quantity": 5000}]}]
    assert sorted(moved["data"]["cancelled_order_ids"]) == sorted([sell["order_id"], buy["order_id"]])
    # the predecessor is closed to trading; its cancelled offer no longer sits on the book
    assert (await member(market, "M-E-A"))["status"] == "SUCCEEDED"
    refused = await market.order("M-E-A", "X-M-E-A", "BUY", "40.00", 1)
    assert refused.status_code == 403 and refused.json()["article"] == "M-10"
    await market.fund("X-M-E-S", "100000.00")
    bought = (await market.order("M-E-S", "X-M-E-S", "BUY", "41.00", 300, tif="IOC")).json()
    assert bought["trades"] == []
    statement = (await market.client.get("/trading-accounts/X-M-E-S/statement", headers=market.operator)).json()
    assert [(s["kind"], s["cash"], s["quantity"]) for s in statement if s["kind"] == "succession_in"] == [
        ("succession_in", "1000.00", 0), ("succession_in", "0.00", 5000)]


async def test_m10_redelivered_approval_moves_nothing_twice(market):
    await market.at(2026, 5, 20, 10, 0)
    await covered(market, "E-A", "E-S")
    await market.fund("X-M-E-A", "1000.00")
    await market.deposit_allowances("X-M-E-A", 5000, holder="E-A")
    event = approval(market, "merger", "E-A", ("E-S", "100", False))
    envelope = wrap(event, producer="allocation", context=MessageContext.new("test"))
    for msg_id in ("first", "redelivered"):  # the same event twice (JetStream would not dedupe a new Nats-Msg-Id)
        await market.js.publish(event.contract.subject, envelope.model_dump_json().encode(),
                                headers={"Nats-Msg-Id": f"{envelope.event_id}-{msg_id}"})
    await market.applied(envelope)
    await market.send(event)  # the same approval again under a new event id, after the redelivery (one consumer)
    await market.fund("X-M-E-A", "5.00")  # arrived after the move: stays with the (closed) predecessor account
    assert (await market.balances("X-M-E-S")) == {"cash": ("1000.00", "0.00"), "units": (5000, 0)}
    assert (await market.balances("X-M-E-A")) == {"cash": ("5.00", "0.00"), "units": (0, 0)}
    assert len(outbox(market, AccountSucceeded)) == 1


async def test_m10_split_apportions_custody_and_cash_largest_remainder(market):
    """Shares 33.3333 / 33.3333 / 33.3334 of 100 t and 0.10 yuan: 33.333 t each and 3.333 fen each, floored to 33 t
    and 3 fen, the one unit and the one fen left over to the largest fractional part — the third successor's
    (.334), not the first listed. The predecessor continues: it keeps its part and stays a member."""
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await covered(market, "E-B", "E-C", "E-D")
    await market.fund("X-M-E-B", "0.10")
    await market.deposit_allowances("X-M-E-B", 100, holder="E-B")
    await market.order("M-E-B", "X-M-E-B", "SELL", "41.00", 10)

    await market.send(approval(market, "split", "E-B", ("E-B", "33.3333", True), ("E-C", "33.3333", False),
                               ("E-D", "33.3334", False)))

    assert (await market.balances("X-M-E-B")) == {"cash": ("0.03", "0.00"), "units": (33, 0)}
    assert (await market.balances("X-M-E-C")) == {"cash": ("0.03", "0.00"), "units": (33, 0)}
    assert (await market.balances("X-M-E-D")) == {"cash": ("0.04", "0.00"), "units": (34, 0)}
    assert (await member(market, "M-E-B"))["status"] == "ACTIVE"  # a continuing predecessor keeps its account
    assert (await market.order("M-E-B", "X-M-E-B", "SELL", "41.00", 10)).status_code == 201
    [moved] = outbox(market, AccountSucceeded)
    assert moved["data"]["continues"] is True
    assert [(s["entity_id"], s["cash"]) for s in moved["data"]["successors"]] == [("E-C", "0.03"), ("E-D", "0.04")]


async def test_m10_split_tie_goes_to_the_first_listed(market):
    """50 / 50 of 101 t and 0.01 yuan: the unit and the fen left over go to the first listed (a tie)."""
    await market.at(2026, 5, 20, 10, 0)
    await covered(market, "E-B", "E-C", "E-D")
    await market.fund("X-M-E-B", "0.01")
    await market.deposit_allowances("X-M-E-B", 101, holder="E-B")
    await market.send(approval(market, "split", "E-B", ("E-D", "50", False), ("E-C", "50", False)))
    assert (await member(market, "M-E-D"))["kind"] == "self_operating"  # no clients: a split passes no comprehensive
    assert (await market.balances("X-M-E-D")) == {"cash": ("0.01", "0.00"), "units": (51, 0)}
    assert (await market.balances("X-M-E-C")) == {"cash": ("0.00", "0.00"), "units": (50, 0)}
    assert (await market.balances("X-M-E-B")) == {"cash": ("0.00", "0.00"), "units": (0, 0)}


async def test_m10_the_move_waits_for_a_trade_in_flight_then_happens_at_a_tick(market):
    await market.at(2026, 5, 20, 10, 0)
    await market.list_product("40.00")
    await covered(market, "E-A", "E-S")
    buyer = await market.admit("B")
    await market.fund(buyer, "100000.00")
    await market.deposit_allowances("X-M-E-A", 1000, holder="E-A")
    await market.order("M-E-A", "X-M-E-A", "SELL", "40.00", 400)
    trade = (await market.order("B", buyer, "BUY", "40.00", 400)).json()["trades"][0]

    await market.send(approval(market, "merger", "E-A", ("E-S", "100", False)))
    assert (await market.balances("X-M-E-A"))["units"] == (600, 400)  # the sold 400 t await their delivery
    assert (await market.balances("X-M-E-S"))["units"] == (0, 0)
    assert outbox(market, AccountSucceeded) == []

    await market.delivered(trade)
    await market.at(2026, 5, 20, 10, 5)
    assert (await market.balances("X-M-E-A")) == {"cash": ("0.00", "0.00"), "units": (0, 0)}
    assert (await market.balances("X-M-E-S")) == {"cash": ("15976.00", "0.00"), "units": (600, 0)}
    [moved] = outbox(market, AccountSucceeded)
    assert moved["data"]["successors"][0]["cash"] == "15976.00"  # the sale's proceeds less the seller's fee


async def test_m10_a_successor_not_yet_a_member_is_admitted_and_takes_over_the_comprehensive_business(market):
    await market.at(2026, 5, 20, 10, 0)
    await covered(market, "E-A")
    application = await market.client.post("/members/M-E-A/comprehensive-applications",
                                           json={"application_id": "APP-1"}, headers=market.member("M-E-A"))
    assert application.status_code == 201, application.text
    decided = await market.client.post("/comprehensive-applications/APP-1/decision",
                                       json={"approve": True, "reason": "meets the rules"}, headers=market.operator)
    assert decided.status_code == 200, decided.text
    client = await market.client.post("/members/M-E-A/clients", json={"client_id": "C-1", "name": "Client One"},
                                      headers=market.member("M-E-A"))
    assert client.status_code == 201, client.text
    await market.deposit_allowances("X-M-E-A", 10, holder="E-A")
    await market.send(approval(market, "merger", "E-A", ("E-NEW", "100", False)))
    heir = await member(market, "M-E-NEW")
    assert (heir["kind"], heir["covered_entity_id"], heir["status"]) == ("comprehensive", "E-NEW", "ACTIVE")
    assert (await market.balances("X-M-E-NEW"))["units"] == (10, 0)
    # the client's account passed with the comprehensive business: its new member enters its orders, the old cannot
    [moved] = outbox(market, AccountSucceeded)
    assert (moved["data"]["client_trading_account_ids"], moved["data"]["clients_member_id"]) == (["X-C-1"], "M-E-NEW")
    accounts = (await market.client.get("/members/M-E-NEW/trading-accounts", headers=market.operator)).json()
    assert sorted(a["trading_account_id"] for a in accounts) == ["X-C-1", "X-M-E-NEW"]
    await market.list_product("40.00")
    await market.fund("X-C-1", "1000.00")
    old = await market.order("M-E-A", "X-C-1", "BUY", "40.00", 1)
    assert old.status_code == 403
    new = await market.order("M-E-NEW", "X-C-1", "BUY", "40.00", 1)
    assert new.status_code == 201, new.text
